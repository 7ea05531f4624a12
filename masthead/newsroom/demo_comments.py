"""Original demo readers and their comments for `manage.py demo` (fictional people)."""

READERS: list[dict[str, str]] = [
    {"username": "marion_k", "display_name": "Marion K", "email": "marion.k@example.org"},
    {"username": "rob_ashby", "display_name": "Rob Ashby", "email": "rob.ashby@example.org"},
    {"username": "amir_h", "display_name": "Amir H", "email": "amir.h@example.org"},
    {"username": "fran_oduya", "display_name": "Fran Oduya", "email": "fran.oduya@example.org"},
    {
        "username": "bill_trevena",
        "display_name": "Bill Trevena",
        "email": "bill.trevena@example.org",
    },
    {"username": "kieran_w", "display_name": "Kieran W", "email": "kieran.w@example.org"},
    {
        "username": "jo_pemberton",
        "display_name": "Jo Pemberton",
        "email": "jo.pemberton@example.org",
    },
    {"username": "gwen_lister", "display_name": "Gwen Lister", "email": "gwen.lister@example.org"},
]

COMMENTS: list[dict[str, object]] = [
    {
        "key": "storm-1",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "rob_ashby",
        "text": (
            "Still no power up at Coombe End since about half past one this morning. "
            "There's a tree across the lane and two poles leaning at an angle I don't "
            "like. If anyone from Vale Power Networks reads this: we're not going "
            "anywhere, but even a rough idea of when would be lovely."
        ),
        "minutes_after": 12,
        "reply_to": None,
        "recommends": ["marion_k", "jo_pemberton", "gwen_lister"],
        "featured": False,
    },
    {
        "key": "storm-2",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "jo_pemberton",
        "text": (
            "Rob, the welfare centre at Wenbury village hall is open now. I went past at "
            "eight and they had the urn on and a whole table of phone chargers, so it's "
            "worth the drive if your lane is clear.\n\n"
            "And if anyone near you uses oxygen, a home dialysis machine or anything "
            "else that needs mains power, **please ring the number in the article** so "
            "the crews can put them first. Don't assume someone else has already done it."
        ),
        "minutes_after": 25,
        "reply_to": "storm-1",
        "recommends": ["rob_ashby", "marion_k", "amir_h", "gwen_lister", "bill_trevena"],
        "featured": True,
    },
    {
        "key": "storm-3",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "rob_ashby",
        "text": (
            "Thanks Jo. The lane's clear as far as the ford, so we'll head over once "
            "I've taped the freezer shut. *Never* thought I'd be this grateful for a "
            "village hall urn."
        ),
        "minutes_after": 41,
        "reply_to": "storm-2",
        "recommends": ["jo_pemberton"],
        "featured": False,
    },
    {
        "key": "storm-4",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "kieran_w",
        "text": (
            "Taping the freezer shut is the most Vale thing I've read all year. Stay warm, Rob."
        ),
        "minutes_after": 58,
        "reply_to": "storm-3",
        "recommends": ["rob_ashby", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "storm-5",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "bill_trevena",
        "text": (
            "> The coast road between Gullhaven and Port Ellis was closed in both "
            "directions after a section of the sea wall was damaged\n\n"
            "That stretch below the old lifeboat station has been patched three times "
            "since I was a lad, and every time we're told it will see us out. With "
            "respect to the engineers, it needs rebuilding, not another patch."
        ),
        "minutes_after": 30,
        "reply_to": None,
        "recommends": ["gwen_lister", "rob_ashby"],
        "featured": False,
    },
    {
        "key": "storm-6",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "gwen_lister",
        "text": (
            "I'd agree it needs doing properly, Bill, but in fairness that wall belongs "
            "to the county, and the county's highways budget was cut last year. Someone "
            "will have to say what gets dropped to pay for it, and that's the "
            "conversation nobody wants to have."
        ),
        "minutes_after": 52,
        "reply_to": "storm-5",
        "recommends": ["bill_trevena"],
        "featured": False,
    },
    {
        "key": "storm-7",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "amir_h",
        "text": (
            "Trains to Kerridge are still showing as cancelled at Harwick station. "
            "Replacement buses are leaving from the forecourt but the queue goes round "
            "the corner. Bring a brolly."
        ),
        "minutes_after": 74,
        "reply_to": None,
        "recommends": ["kieran_w"],
        "featured": False,
    },
    {
        "key": "storm-8",
        "article": "overnight-storm-power-cuts-coast-road-closed",
        "reader": "marion_k",
        "text": ("Thank you to the crews out in that wind. Good that nobody was seriously hurt."),
        "minutes_after": 95,
        "reply_to": None,
        "recommends": ["jo_pemberton", "bill_trevena"],
        "featured": False,
    },
    {
        "key": "budget-1",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "marion_k",
        "text": (
            "I worked in Harwick's libraries for 31 years, so I should declare an "
            "interest. But Cllr Askew is right: on a wet Tuesday the branch at Staithe "
            "End is where people print boarding passes, fill in benefit forms, sit "
            "somewhere warm and get help from a human being.\n\n"
            "Note that **£3.1 million** is the saving from the whole package, including "
            "the leisure centre hours and the grants, not from the libraries alone. I "
            "would like to see how much the four closures actually save. If the answer "
            "is a few hundred thousand pounds, that is a very poor trade for what the "
            "town loses."
        ),
        "minutes_after": 20,
        "reply_to": None,
        "recommends": ["jo_pemberton", "fran_oduya", "amir_h", "kieran_w"],
        "featured": True,
    },
    {
        "key": "budget-2",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "gwen_lister",
        "text": (
            "Marion, I don't disagree about the value of libraries. But I've read the "
            "budget papers, and the hard part is the paragraph nobody quotes: adult "
            "social care and children's services are nearly two-thirds of spending and "
            "have gone up by £9 million in two years. Close the libraries or keep them, "
            "the gap is still there next year. I'd rather the debate were about that."
        ),
        "minutes_after": 48,
        "reply_to": "budget-1",
        "recommends": ["rob_ashby", "bill_trevena"],
        "featured": False,
    },
    {
        "key": "budget-3",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "marion_k",
        "text": (
            "Fair point, Gwen, and I know four libraries won't fix social care. My worry "
            "is that once a building is closed and sold it's gone for good, while the "
            "pressure on care will be just as bad next year. Cutting something permanent "
            "to fill a hole that keeps refilling feels like the wrong way round."
        ),
        "minutes_after": 77,
        "reply_to": "budget-2",
        "recommends": ["gwen_lister", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "budget-4",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "gwen_lister",
        "text": (
            "Which is, funnily enough, the finance director's objection to selling the "
            "business park stake:\n\n"
            "> a one-off sale to meet recurring costs\n\n"
            "It cuts both ways. I suspect we agree more than we disagree, Marion."
        ),
        "minutes_after": 110,
        "reply_to": "budget-3",
        "recommends": ["marion_k", "amir_h"],
        "featured": False,
    },
    {
        "key": "budget-5",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "fran_oduya",
        "text": (
            "£94 a year more on a Band D bill and fewer services for it. I run a small "
            "shop and I know costs go up, but it's a hard thing to explain to people: "
            "pay more, get less."
        ),
        "minutes_after": 35,
        "reply_to": None,
        "recommends": ["kieran_w"],
        "featured": False,
    },
    {
        "key": "budget-6",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "kieran_w",
        "text": (
            "Genuine question: where do I actually have my say? Found it, for anyone "
            "else who skimmed past the link: [the budget consultation is "
            "here](https://example.org/harwick-budget-consultation). Took me about ten "
            "minutes."
        ),
        "minutes_after": 140,
        "reply_to": None,
        "recommends": ["marion_k", "amir_h", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "budget-7",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "jo_pemberton",
        "text": (
            "The 12 per cent cut to voluntary groups is getting no attention at all. The "
            "food bank, the carers' café and the lunch club at the Methodist hall all "
            "run on those grants, and they look after exactly the people the council "
            "would otherwise be paying to support."
        ),
        "minutes_after": 190,
        "reply_to": None,
        "recommends": ["marion_k", "fran_oduya"],
        "featured": False,
    },
    {
        "key": "budget-8",
        "article": "harwick-council-budget-row-library-closures",
        "reader": "amir_h",
        "text": ("Exactly this. Cheap to cut on paper, expensive later."),
        "minutes_after": 230,
        "reply_to": "budget-7",
        "recommends": ["jo_pemberton"],
        "featured": False,
    },
    {
        "key": "harbour-1",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "bill_trevena",
        "text": (
            "Forty years on boats out of North Quay, so I'm hardly neutral. The new ice "
            "plant and gear store are welcome, and I'll give the developer credit for "
            "changing the plans twice.\n\n"
            "But a third less quay space means a third less room to land and sort a "
            "catch when the whole fleet comes in on the same tide, and that happens far "
            "more often than any drawing shows. Build the flats by all means. Just don't "
            "be surprised when the first complaint about diesel engines at four in the "
            "morning lands on a councillor's desk."
        ),
        "minutes_after": 45,
        "reply_to": None,
        "recommends": ["rob_ashby", "gwen_lister", "marion_k", "kieran_w"],
        "featured": True,
    },
    {
        "key": "harbour-2",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "amir_h",
        "text": (
            "Possibly an unpopular opinion, but that quay has been fenced off and "
            "rotting for as long as I've lived here. 480 homes and a promenade into town "
            "beats weeds and gulls."
        ),
        "minutes_after": 90,
        "reply_to": None,
        "recommends": ["kieran_w", "fran_oduya"],
        "featured": False,
    },
    {
        "key": "harbour-3",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "bill_trevena",
        "text": (
            "Not unpopular with me, Amir. Nobody wants it left derelict. The question is "
            "whether the working harbour is part of the plan or just the view from the "
            "balconies."
        ),
        "minutes_after": 150,
        "reply_to": "harbour-2",
        "recommends": ["amir_h", "marion_k"],
        "featured": False,
    },
    {
        "key": "harbour-4",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "amir_h",
        "text": (
            "That's fair. If the ice plant really is built *before* the housing, as the "
            "article says, I'd want that in writing."
        ),
        "minutes_after": 210,
        "reply_to": "harbour-3",
        "recommends": ["bill_trevena"],
        "featured": False,
    },
    {
        "key": "harbour-5",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "gwen_lister",
        "text": (
            "It should be a planning condition, which makes it enforceable. Worth "
            "reading the decision notice when it's published rather than taking anyone's "
            "press release on trust."
        ),
        "minutes_after": 320,
        "reply_to": "harbour-4",
        "recommends": ["amir_h", "bill_trevena"],
        "featured": False,
    },
    {
        "key": "harbour-6",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "jo_pemberton",
        "text": (
            "> Of the 480 homes, 72, or 15 per cent, will be classed as affordable\n\n"
            "Half the council's own target. My niece and her partner both work in "
            "Harwick and can't get anywhere near a deposit. **Fifteen per cent** of a "
            "marina scheme isn't going to change that."
        ),
        "minutes_after": 400,
        "reply_to": None,
        "recommends": ["marion_k", "fran_oduya", "bill_trevena"],
        "featured": False,
    },
    {
        "key": "harbour-7",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "gwen_lister",
        "text": (
            "The developer's [viability "
            "assessment](https://example.org/north-quay-viability) is worth reading "
            "before anyone writes it off. Repairing those quay walls and cleaning up the "
            "old fuel yard is genuinely expensive. I'm not saying 15 per cent is right, "
            "only that the numbers aren't invented, and the council's own assessor "
            "agreed with them."
        ),
        "minutes_after": 520,
        "reply_to": "harbour-6",
        "recommends": ["amir_h"],
        "featured": False,
    },
    {
        "key": "harbour-8",
        "article": "north-quay-harbour-redevelopment-approved",
        "reader": "kieran_w",
        "text": (
            "A hotel with a view of the fishing boats: lovely. A hotel with a view of "
            "*where the fishing boats used to be*: rather less so. Hope they get this "
            "one right."
        ),
        "minutes_after": 700,
        "reply_to": None,
        "recommends": ["bill_trevena", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "cup-1",
        "article": "harwick-athletic-reach-cup-quarter-finals",
        "reader": "kieran_w",
        "text": (
            "WHAT. A. NIGHT. I was behind the goal for the header and I've lost my voice "
            "and possibly a shoe. Up the Athletic!"
        ),
        "minutes_after": 15,
        "reply_to": None,
        "recommends": ["rob_ashby", "amir_h", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "cup-2",
        "article": "harwick-athletic-reach-cup-quarter-finals",
        "reader": "rob_ashby",
        "text": (
            "I was at the Quayside for the 1987 run as a nipper, stood on a milk crate "
            "to see over. Never thought I'd see another one. Well done to the manager "
            "and the lads."
        ),
        "minutes_after": 60,
        "reply_to": "cup-1",
        "recommends": ["kieran_w", "marion_k"],
        "featured": False,
    },
    {
        "key": "cup-3",
        "article": "harwick-athletic-reach-cup-quarter-finals",
        "reader": "gwen_lister",
        "text": (
            "Good to read the prize money is going on new floodlights rather than "
            "disappearing. Sensibly run club."
        ),
        "minutes_after": 200,
        "reply_to": None,
        "recommends": ["rob_ashby"],
        "featured": False,
    },
    {
        "key": "cup-4",
        "article": "harwick-athletic-reach-cup-quarter-finals",
        "reader": "marion_k",
        "text": (
            "> These lads train two nights a week after a full day's work.\n\n"
            "A plumber scoring a penalty against full-timers. Good news for the town."
        ),
        "minutes_after": 300,
        "reply_to": None,
        "recommends": ["kieran_w", "jo_pemberton"],
        "featured": False,
    },
    {
        "key": "election-1",
        "article": "port-ellis-by-election-preview",
        "reader": "bill_trevena",
        "text": (
            "The winter ferry is how a lot of Saltmarsh folk get to hospital "
            "appointments in Harwick without a two-hour bus ride. Whoever wins, that has "
            "to come first."
        ),
        "minutes_after": 60,
        "reply_to": None,
        "recommends": ["jo_pemberton", "marion_k"],
        "featured": False,
    },
    {
        "key": "election-2",
        "article": "port-ellis-by-election-preview",
        "reader": "fran_oduya",
        "text": (
            "One home in five a second home or holiday let. Walk down Harbour Row on a "
            "February evening and count the lights that are on. I'm not against "
            "visitors, we need them, but a town needs people who live in it all year "
            "round."
        ),
        "minutes_after": 240,
        "reply_to": None,
        "recommends": ["bill_trevena", "rob_ashby"],
        "featured": False,
    },
    {
        "key": "election-3",
        "article": "port-ellis-by-election-preview",
        "reader": "jo_pemberton",
        "text": (
            "A reminder that you need **photo ID** at the polling station. My mum nearly "
            "got turned away last time because her bus pass had expired."
        ),
        "minutes_after": 500,
        "reply_to": None,
        "recommends": ["gwen_lister"],
        "featured": False,
    },
    {
        "key": "hospital-1",
        "article": "vale-general-waiting-list-record",
        "reader": "jo_pemberton",
        "text": (
            "I work on a ward at Vale General (not orthopaedics) and I'd just say that "
            "staff are as fed up with these numbers as anyone. With two theatres shut "
            "for months and not enough theatre nurses, goodwill only stretches so far. "
            "Please do cancel appointments you can't make: every empty slot is someone "
            "else's new hip."
        ),
        "minutes_after": 120,
        "reply_to": None,
        "recommends": ["marion_k", "rob_ashby", "gwen_lister", "amir_h"],
        "featured": False,
    },
    {
        "key": "hospital-2",
        "article": "vale-general-waiting-list-record",
        "reader": "rob_ashby",
        "text": (
            "Fourteen months for a knee here too, same as the lady in the article. Some "
            "days the stairs win. Nice to know I'm not the only one, though I'd rather "
            "we weren't any of us."
        ),
        "minutes_after": 300,
        "reply_to": None,
        "recommends": ["jo_pemberton", "marion_k"],
        "featured": False,
    },
    {
        "key": "hospital-3",
        "article": "vale-general-waiting-list-record",
        "reader": "gwen_lister",
        "text": (
            "Sending 1,200 patients to Kerridge makes sense, but it's a long way without "
            "a car, and most people waiting for a new hip can't drive. Will the trust "
            "help with transport? The article doesn't say."
        ),
        "minutes_after": 700,
        "reply_to": None,
        "recommends": ["rob_ashby"],
        "featured": False,
    },
    {
        "key": "cycle-1",
        "article": "northgate-road-cycle-lane-consultation",
        "reader": "amir_h",
        "text": (
            "I cycle Northgate Road every day and the stretch by the retail park "
            "roundabout is genuinely frightening at rush hour. 38 collisions in five "
            "years isn't just a statistic to me: two of them were friends of mine. I'd "
            "happily see it extended to the station, as the Cycle Forum suggests."
        ),
        "minutes_after": 30,
        "reply_to": None,
        "recommends": ["jo_pemberton", "kieran_w"],
        "featured": False,
    },
    {
        "key": "cycle-2",
        "article": "northgate-road-cycle-lane-consultation",
        "reader": "fran_oduya",
        "text": (
            "I'm sorry about your friends, Amir, truly. But I trade on the northern end "
            "and I'd be lying if I said I wasn't worried. Many of my regulars are in "
            "their seventies, and it's *sixty* spaces behind the library for *a hundred "
            "and forty* lost, up a steep path."
        ),
        "minutes_after": 95,
        "reply_to": "cycle-1",
        "recommends": ["rob_ashby", "marion_k"],
        "featured": False,
    },
    {
        "key": "cycle-3",
        "article": "northgate-road-cycle-lane-consultation",
        "reader": "amir_h",
        "text": (
            "That's a fair worry and nobody should brush it aside. Blue badge bays right "
            "outside the shops would go a long way. Maybe that's something we could both "
            "put in our consultation responses?"
        ),
        "minutes_after": 180,
        "reply_to": "cycle-2",
        "recommends": ["fran_oduya", "gwen_lister"],
        "featured": False,
    },
    {
        "key": "cycle-4",
        "article": "northgate-road-cycle-lane-consultation",
        "reader": "kieran_w",
        "text": (
            "Bold of the council to assume I can get up Northgate hill without stopping "
            "for a lie down halfway."
        ),
        "minutes_after": 600,
        "reply_to": None,
        "recommends": ["amir_h"],
        "featured": False,
    },
    {
        "key": "shops-1",
        "article": "fore-street-shop-closures",
        "reader": "fran_oduya",
        "text": (
            "Eleven years on Fore Street this spring. Last winter my energy bill was "
            "more than my rent, and I'm one of the lucky ones with a reasonable "
            "landlord. The repair café and the makers' workshop are brilliant, but they "
            "don't fill 24 empty units. Auctioning the leases on shops that have been "
            "empty for a year would at least stop them sitting there while the owners "
            "hold out for a rent nobody can pay."
        ),
        "minutes_after": 60,
        "reply_to": None,
        "recommends": ["marion_k", "gwen_lister", "jo_pemberton", "kieran_w"],
        "featured": False,
    },
    {
        "key": "shops-2",
        "article": "fore-street-shop-closures",
        "reader": "marion_k",
        "text": (
            "Losing the shoe repairer after 41 years is the one that hurts. Where does "
            "anyone get a heel fixed now?"
        ),
        "minutes_after": 200,
        "reply_to": None,
        "recommends": ["fran_oduya"],
        "featured": False,
    },
    {
        "key": "shops-3",
        "article": "fore-street-shop-closures",
        "reader": "kieran_w",
        "text": (
            "The repair café had a chap doing shoes last Saturday morning! Sorted my "
            "boots for a donation in the tin."
        ),
        "minutes_after": 260,
        "reply_to": "shops-2",
        "recommends": ["marion_k", "fran_oduya"],
        "featured": False,
    },
    {
        "key": "landlord-1",
        "article": "landlord-fined-over-damp-flats",
        "reader": "jo_pemberton",
        "text": (
            "A family with a baby living in one room because of mould. £86,000 doesn't "
            "feel like much next to more than £110,000 a year in rent."
        ),
        "minutes_after": 90,
        "reply_to": None,
        "recommends": ["marion_k", "amir_h", "fran_oduya"],
        "featured": False,
    },
    {
        "key": "landlord-2",
        "article": "landlord-fined-over-damp-flats",
        "reader": "gwen_lister",
        "text": (
            "Agreed, though the repairs have been done now, and the council says it will "
            "bring in licensing in three wards. Licensing is what stops this happening "
            "again, not the fine."
        ),
        "minutes_after": 400,
        "reply_to": "landlord-1",
        "recommends": ["jo_pemberton"],
        "featured": False,
    },
    {
        "key": "landlord-3",
        "article": "landlord-fined-over-damp-flats",
        "reader": "rob_ashby",
        "text": (
            "Well done to the tenants who kept complaining for two years. That takes stamina."
        ),
        "minutes_after": 900,
        "reply_to": None,
        "recommends": ["jo_pemberton", "gwen_lister"],
        "featured": False,
    },
    {
        "key": "meals-1",
        "article": "free-school-meals-pilot-extended",
        "reader": "jo_pemberton",
        "text": (
            "My youngest is at one of the pilot schools. The teachers noticed the "
            "difference in the afternoons long before anyone published a report. Good "
            "news."
        ),
        "minutes_after": 180,
        "reply_to": None,
        "recommends": ["marion_k", "amir_h"],
        "featured": False,
    },
    {
        "key": "meals-2",
        "article": "free-school-meals-pilot-extended",
        "reader": "gwen_lister",
        "text": (
            "I'm with Cllr Nash on this one, I'm afraid. £1.9 million is a lot to spend "
            "on lunches for families who could pay, when the waiting lists for special "
            "needs support are as bad as they are."
        ),
        "minutes_after": 400,
        "reply_to": None,
        "recommends": ["rob_ashby"],
        "featured": False,
    },
    {
        "key": "meals-3",
        "article": "free-school-meals-pilot-extended",
        "reader": "marion_k",
        "text": (
            "I see the argument, Gwen, but means-testing is never as tidy as it looks. "
            "Every threshold leaves out the families just above it, which is Cllr Nash's "
            "own point. And as the headteacher said:\n\n"
            "> When everyone eats together, that stigma simply goes away.\n\n"
            "That's worth something too."
        ),
        "minutes_after": 700,
        "reply_to": "meals-2",
        "recommends": ["jo_pemberton", "amir_h"],
        "featured": False,
    },
]
