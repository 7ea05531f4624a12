"""Original demo newsroom content for `manage.py demo`.

Written for Masthead; all places, people, organisations and the agency are fictional.
"""

from typing import Any

SECTIONS: list[dict[str, str]] = [
    {
        "title": "Politics",
        "slug": "politics",
        "intro": (
            "Decisions made in the Vale's council chambers and beyond, and the people who make "
            "them."
        ),
    },
    {
        "title": "City",
        "slug": "city",
        "intro": (
            "News from Harwick's streets, services and neighbourhoods, reported by people who "
            "live here."
        ),
    },
    {
        "title": "Business",
        "slug": "business",
        "intro": (
            "Jobs, firms and money in Harwick and the Vale, from the harbour to the high street."
        ),
    },
    {
        "title": "Sport",
        "slug": "sport",
        "intro": (
            "Results, reports and the stories behind the clubs the Vale turns out to support."
        ),
    },
]

AUTHORS: list[dict[str, str]] = [
    {
        "name": "Eleanor Marsh",
        "slug": "eleanor-marsh",
        "role": "Political editor",
        "bio": (
            "Eleanor Marsh has covered Harwick City Council and Vale County Council for more "
            "than a decade. She previously reported on local government for a weekly paper in "
            "the north of the Vale."
        ),
    },
    {
        "name": "Tomasz Reid",
        "slug": "tomasz-reid",
        "role": "City correspondent",
        "bio": (
            "Tomasz Reid reports on transport, housing and public services across Harwick. He "
            "joined the newsroom from a community radio station in Port Ellis, where he "
            "presented the morning bulletins."
        ),
    },
    {
        "name": "Priya Castell",
        "slug": "priya-castell",
        "role": "Health and social affairs correspondent",
        "bio": (
            "Priya Castell writes about health, education and the courts. Before becoming a "
            "journalist she spent six years as a ward nurse at Vale General Hospital."
        ),
    },
    {
        "name": "Dan Okafor",
        "slug": "dan-okafor",
        "role": "Business editor",
        "bio": (
            "Dan Okafor covers the Vale's economy, from the fishing fleet to the firms on the "
            "Harwick Quays business park. He has a particular interest in small businesses and "
            "in how public money is spent."
        ),
    },
    {
        "name": "Rhiannon Pike",
        "slug": "rhiannon-pike",
        "role": "Sports reporter",
        "bio": (
            "Rhiannon Pike follows Harwick Athletic home and away and covers grassroots and "
            "women's sport across the Vale. She played county-level hockey until a knee injury "
            "ended her playing days."
        ),
    },
]

AGENCY: dict[str, str] = {
    "name": "Northwire",
    "short_name": "NWR",
    "slug": "northwire",
    "copyright_holder": "Northwire News Agency",
}

ARTICLES: list[dict[str, Any]] = [
    {
        "section": "city",
        "slug": "overnight-storm-power-cuts-coast-road-closed",
        "headline": ("Overnight storm leaves 9,000 Vale homes without power and closes coast road"),
        "standfirst": (
            "Gusts of up to 78mph brought down power lines and trees across the Vale, and "
            "engineers warn that some rural homes may not be reconnected for up to three days."
        ),
        "dateline": "GULLHAVEN",
        "authors": ["tomasz-reid"],
        "tags": ["weather", "transport", "emergency-services"],
        "hours_ago": 2,
        "photo": {
            "title": "Storm at Gullhaven",
            "alt": "Dark storm clouds over a harbour wall with waves breaking against it",
            "caption": (
                "Waves break over the sea wall at Gullhaven in the early hours of this morning."
            ),
            "photographer": "Marcus Threlfall",
            "credit": "Vale Picture Desk",
            "palette": ["#2b2d42", "#5c6b7a", "#d9e2ec"],
            "scene": "harbour",
        },
        "body": [
            (
                "paragraph",
                (
                    "Around 9,000 homes and businesses across the Vale were left without "
                    "electricity after a storm swept in from the west overnight, bringing "
                    "gusts of up to 78mph on exposed stretches of the coast. The network "
                    "operator, Vale Power Networks, said more than 40 high-voltage faults had "
                    "been reported by 6am."
                ),
            ),
            (
                "paragraph",
                (
                    "The coast road between Gullhaven and Port Ellis was closed in both "
                    "directions after a section of the sea wall was damaged and shingle was "
                    "thrown across the carriageway. Vale County Council said the road would "
                    "stay shut until engineers had inspected the wall, which is likely to take "
                    "at least a day."
                ),
            ),
            (
                "crosshead",
                "Rural homes face the longest wait",
            ),
            (
                "paragraph",
                (
                    "Most of the outages were in villages in the upper Vale, where overhead "
                    "lines run through woodland. Vale Power Networks said it expected to "
                    "reconnect three-quarters of affected customers by the end of today, but "
                    "warned that some isolated properties could be without power for up to "
                    "three days."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Our crews have been out since the early hours, but we cannot send "
                        "people up poles while the wind is still this strong. We would ask "
                        "anyone who relies on electrical medical equipment to call us so that "
                        "we can put them first."
                    ),
                    "attribution": "Helen Dawlish, operations director, Vale Power Networks",
                },
            ),
            (
                "paragraph",
                (
                    "The company has opened a welfare centre at Wenbury village hall offering "
                    "hot food, drinks and phone charging. It said customers who are without "
                    "power for more than 24 hours will be entitled to compensation."
                ),
            ),
            (
                "paragraph",
                (
                    "Harwick's fire and rescue service said it attended 63 storm-related calls "
                    "overnight, mostly for fallen trees and loose roofing. Nobody was "
                    "seriously hurt, although a man in his seventies was treated for minor "
                    "injuries after a garden wall collapsed in the Northgate area of Harwick."
                ),
            ),
            (
                "crosshead",
                "Ferries and trains disrupted",
            ),
            (
                "paragraph",
                (
                    "All sailings from Harwick to the islands were cancelled this morning, and "
                    "the ferry operator said it would review the timetable at midday. Rail "
                    "services between Harwick and Kerridge were suspended while fallen trees "
                    "were cleared from the line near Staithe End."
                ),
            ),
            (
                "paragraph",
                (
                    "Forecasters expect the wind to ease through the afternoon, although a "
                    "further band of heavy rain is due tonight. The council has asked people "
                    "to stay away from sea fronts and to report blocked drains through its <a "
                    'href="https://example.org/report-it">online reporting page</a>.'
                ),
            ),
        ],
    },
    {
        "section": "politics",
        "slug": "harwick-council-budget-row-library-closures",
        "headline": (
            "Harwick council cabinet split over £14m budget gap as library closures proposed"
        ),
        "standfirst": (
            "Two cabinet members have refused to back plans to close four branch libraries, "
            "leaving the leader of Harwick City Council facing a difficult vote on next year's "
            "budget."
        ),
        "dateline": "HARWICK",
        "authors": ["eleanor-marsh"],
        "tags": ["council", "budget", "libraries"],
        "hours_ago": 5,
        "photo": {
            "title": "Harwick Town Hall council chamber",
            "alt": "Rows of empty green benches in a wood-panelled council chamber",
            "caption": (
                "The council chamber at Harwick Town Hall, where next year's budget will be "
                "debated."
            ),
            "photographer": "Isobel Fenwick",
            "credit": "Vale Picture Desk",
            "palette": ["#1b4332", "#95a5a6", "#f4ecd8"],
            "scene": "chamber",
        },
        "body": [
            (
                "paragraph",
                (
                    "Harwick City Council's ruling cabinet is divided over how to close a "
                    "£14.2 million gap in next year's budget, after two senior members said "
                    "they would not support proposals to shut four branch libraries. The "
                    "council must agree a balanced budget by the start of March, and officers "
                    "have warned that its reserves are at their lowest level in twenty years."
                ),
            ),
            (
                "paragraph",
                (
                    "The draft plan would save £3.1 million through the library closures, "
                    "shorter opening hours at leisure centres and a 12 per cent cut in grants "
                    "to voluntary groups. It also proposes raising council tax by the maximum "
                    "allowed without a local referendum, adding about £94 a year to a typical "
                    "Band D bill."
                ),
            ),
            (
                "crosshead",
                "Cabinet members break ranks",
            ),
            (
                "paragraph",
                (
                    "Cllr Ruth Askew, cabinet member for communities, and Cllr Idris Maynard, "
                    "who holds the culture brief, wrote to the council leader this week saying "
                    "they could not defend the closures to residents. Both belong to the "
                    "ruling Civic Alliance group, which has a majority of three on the 54-seat "
                    "council."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Libraries are where people go to apply for jobs, to keep warm and to "
                        "get help filling in forms. Closing them saves a relatively small "
                        "amount of money and costs us a great deal of trust."
                    ),
                    "attribution": "Cllr Ruth Askew, cabinet member for communities",
                },
            ),
            (
                "paragraph",
                (
                    "The council leader, Cllr Simon Harcourt, said he understood the strength "
                    "of feeling but that every alternative involved painful choices. He said "
                    "the cost of adult social care and children's services had risen by £9 "
                    "million in two years and now made up nearly two-thirds of the council's "
                    "spending."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Nobody goes into local politics to close libraries. But if we do not "
                        "find these savings, the law requires officers to find them for us, "
                        "and that would be far worse."
                    ),
                    "attribution": "Cllr Simon Harcourt, leader of Harwick City Council",
                },
            ),
            (
                "paragraph",
                (
                    "The opposition Vale First group has proposed keeping the libraries open "
                    "by selling the council's stake in the Harwick Quays business park. The "
                    "council's finance director has described that option as <i>a one-off sale "
                    "to meet recurring costs</i>."
                ),
            ),
            (
                "crosshead",
                "What happens next",
            ),
            (
                "paragraph",
                (
                    "The proposals are open to <a "
                    'href="https://example.org/harwick-budget-consultation">public '
                    "consultation</a> until the end of the month. The full council will vote "
                    "on the budget next month, and a cabinet split would leave the leader "
                    "relying on independent councillors to get it through."
                ),
            ),
        ],
    },
    {
        "section": "sport",
        "slug": "harwick-athletic-reach-cup-quarter-finals",
        "headline": (
            "Harwick Athletic stun Brennock Rovers to reach first cup quarter-final since 1987"
        ),
        "standfirst": (
            "A stoppage-time header from 18-year-old defender Kai Lundy gave the part-time "
            "side a 2-1 win in front of a record crowd and a place in the last eight of the "
            "Association Cup."
        ),
        "dateline": "HARWICK",
        "authors": ["rhiannon-pike"],
        "tags": ["football", "harwick-athletic", "association-cup"],
        "hours_ago": 14,
        "photo": {
            "title": "Athletic celebrate a late winner",
            "alt": "Floodlights shining over a packed football stand at night",
            "caption": (
                "Supporters at the Quayside Ground celebrate Kai Lundy's winner in stoppage time."
            ),
            "photographer": "Owen Carrick",
            "credit": "Vale Picture Desk",
            "palette": ["#0b3d91", "#f6c90e", "#1a1a2e"],
            "scene": "stadium",
        },
        "body": [
            (
                "paragraph",
                (
                    "Harwick Athletic reached the quarter-finals of the Association Cup for "
                    "the first time since 1987 after a stoppage-time header from 18-year-old "
                    "Kai Lundy sealed a 2-1 win over Brennock Rovers at the Quayside Ground "
                    "last night. The part-time side, who play two divisions below their "
                    "visitors, had trailed at half-time."
                ),
            ),
            (
                "paragraph",
                (
                    "A crowd of 4,812, the largest since the ground was rebuilt in 2009, saw "
                    "Brennock take the lead after 23 minutes when Rory Hales turned in a low "
                    "cross. Athletic goalkeeper Tom Wyatt kept his side in the tie with two "
                    "saves from close range before the break."
                ),
            ),
            (
                "crosshead",
                "Late drama at the Quayside",
            ),
            (
                "paragraph",
                (
                    "Athletic were awarded a penalty just after the hour when captain Sam "
                    "Ferreira was pulled down in the area. The midfielder, who works as a "
                    "plumber during the week, sent the goalkeeper the wrong way, and Brennock "
                    "hit the crossbar with ten minutes left."
                ),
            ),
            (
                "paragraph",
                (
                    "The winner came three minutes into added time. Lundy, who signed his "
                    "first contract after coming through the club's academy last summer, rose "
                    "above two defenders to meet a corner from Jordan Baptiste and head in at "
                    "the near post."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "I just shut my eyes and went for it. Half my family were behind that "
                        "goal, so I am never going to hear the end of it."
                    ),
                    "attribution": "Kai Lundy, Harwick Athletic defender",
                },
            ),
            (
                "paragraph",
                (
                    "Manager Claire Donnelly, in her second season in charge, said the result "
                    "showed what the club could achieve with a settled squad. She is giving "
                    "her players two days off before they turn their attention back to the "
                    "league, where Athletic are fifth."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "These lads train two nights a week after a full day's work. To beat a "
                        "full-time side like that says everything about their character."
                    ),
                    "attribution": "Claire Donnelly, Harwick Athletic manager",
                },
            ),
            (
                "paragraph",
                (
                    "The club's chairman, Alan Moxley, said the cup run had brought in about "
                    "£180,000 in prize money and gate receipts so far. He said the money would "
                    "go towards replacing the ground's ageing floodlights, and the "
                    "quarter-final draw will be made next week."
                ),
            ),
        ],
    },
    {
        "section": "politics",
        "slug": "port-ellis-by-election-preview",
        "headline": ("Port Ellis by-election: housing and ferry cuts dominate a four-way contest"),
        "standfirst": (
            "Voters in the Port Ellis and Saltmarsh ward choose a new county councillor next "
            "week, in a contest that could decide who runs Vale County Council."
        ),
        "dateline": "PORT ELLIS",
        "authors": ["eleanor-marsh"],
        "tags": ["elections", "council", "housing", "transport"],
        "hours_ago": 30,
        "photo": {
            "title": "Harbour Row, Port Ellis",
            "alt": "A quiet harbourside street of terraced houses in warm morning light",
            "caption": (
                "Harbour Row in Port Ellis, part of the ward where the by-election will be held."
            ),
            "photographer": "Isobel Fenwick",
            "credit": "Vale Picture Desk",
            "palette": ["#e07a5f", "#3d405b", "#f2cc8f"],
            "scene": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "Voters in Port Ellis go to the polls next week in a county council "
                    "by-election that has taken on unusual significance. The seat became "
                    "vacant when Margaret Oldfield stood down after 16 years for health "
                    "reasons, and the result will decide whether the Civic Alliance keeps its "
                    "one-seat majority on Vale County Council."
                ),
            ),
            (
                "paragraph",
                (
                    "Four candidates are standing in the Port Ellis and Saltmarsh ward, which "
                    "has about 7,900 registered voters. Turnout at the last full election was "
                    "31 per cent, and Mrs Oldfield held the seat by 212 votes."
                ),
            ),
            (
                "crosshead",
                "Who is standing",
            ),
            (
                "paragraph",
                (
                    "The Civic Alliance candidate is Nadia Ferris, a teaching assistant at a "
                    "primary school who has lived in the town all her life. Vale First has "
                    "selected Geoff Tanner, a retired harbour pilot and chair of the Port "
                    "Ellis Residents' Association, while the Coastal Greens are standing Lewis "
                    "Abara, a marine biologist. The independent candidate, Joan Pryce, runs a "
                    "café on the seafront."
                ),
            ),
            (
                "paragraph",
                (
                    "On the doorstep, the same two issues come up again and again: the cost of "
                    "housing, and the county council's decision last year to cut the winter "
                    "timetable on the Port Ellis passenger ferry. Nearly one in five homes in "
                    "the ward is now a second home or holiday let, according to council tax "
                    "records."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "My daughter works two jobs in this town and still cannot afford to "
                        "rent here. Whoever wins has to understand that people are being "
                        "priced out of the place they grew up in."
                    ),
                    "attribution": "Carol Ince, Port Ellis resident",
                },
            ),
            (
                "paragraph",
                (
                    "All four candidates say they would push for the ferry's winter service to "
                    "be restored, but they differ on how to pay for it. Mr Tanner wants a levy "
                    "on holiday lets, Ms Ferris says the county should bid for government "
                    "transport funding, and Mr Abara wants the service brought in-house."
                ),
            ),
            (
                "crosshead",
                "What is at stake",
            ),
            (
                "paragraph",
                (
                    "If the Civic Alliance loses the seat, the council would fall into no "
                    "overall control. The opposition groups have said they would seek to "
                    "reverse the ferry cuts and review the council's housing strategy, and Ms "
                    "Pryce has not said which group, if any, she would support."
                ),
            ),
            (
                "paragraph",
                (
                    "Polls open at 7am and close at 10pm. Voters will need an accepted form of "
                    "photo identification, and a list of polling stations is on the <a "
                    'href="https://example.org/vale-elections">county council\'s elections '
                    "page</a>."
                ),
            ),
        ],
    },
    {
        "section": "city",
        "slug": "vale-general-waiting-list-record",
        "headline": ("Vale General waiting list reaches record 41,300 as orthopaedic delays grow"),
        "standfirst": (
            "Figures published by Vale Health Trust show more than 41,000 people waiting for "
            "planned treatment, with patients needing hip and knee operations facing the "
            "longest delays."
        ),
        "dateline": "HARWICK",
        "authors": ["priya-castell"],
        "tags": ["health", "hospital", "waiting-lists"],
        "hours_ago": 44,
        "photo": {
            "title": "Vale General Hospital",
            "alt": "A large modern hospital building with lit windows at dusk",
            "caption": "Vale General Hospital in Harwick treats patients from across the Vale.",
            "photographer": "Grace Albury",
            "credit": "Vale Picture Desk",
            "palette": ["#4a6fa5", "#c0d6df", "#fefae0"],
            "scene": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "The number of people waiting for planned hospital treatment in the Vale "
                    "has reached a record 41,300, according to figures published by Vale "
                    "Health Trust. The total has risen by 9 per cent in a year, and almost "
                    "2,600 patients have now been waiting for more than a year."
                ),
            ),
            (
                "paragraph",
                (
                    "Orthopaedics accounts for the largest share of long waits, with 870 "
                    "people waiting more than 52 weeks for hip or knee operations. The trust's "
                    "own target is that no patient should wait longer than 18 weeks from "
                    "referral to treatment."
                ),
            ),
            (
                "crosshead",
                "Theatres and staffing",
            ),
            (
                "paragraph",
                (
                    "In a report to the trust's board, chief operating officer Dr Femi Adeyemi "
                    "said two of Vale General's eight operating theatres had been out of "
                    "action for much of the autumn while their ventilation systems were "
                    "replaced. Vacancies among theatre nurses and anaesthetists were also "
                    "limiting the number of operating lists that could run."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We are not where we want to be, and I want to apologise to every "
                        "patient who is waiting in pain. The theatres are back in use and we "
                        "expect the number of long waits to start falling by the spring."
                    ),
                    "attribution": ("Dr Femi Adeyemi, chief operating officer, Vale Health Trust"),
                },
            ),
            (
                "paragraph",
                (
                    "Patients described the effect of the delays on their work and family "
                    "lives. Janet Worsley, 67, from Staithe End, has been waiting 14 months "
                    "for a knee replacement and says she can no longer walk to the shops or "
                    "look after her grandchildren."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "I was told it would be six months. Now nobody can give me a date, and "
                        "every week it gets a little harder to get up the stairs."
                    ),
                    "attribution": "Janet Worsley, patient",
                },
            ),
            (
                "paragraph",
                (
                    "The trust plans to send 1,200 orthopaedic patients to an independent "
                    "treatment centre in Kerridge over the next six months and to run weekend "
                    "operating lists at Harwick Community Hospital. It said the measures would "
                    "cost about £4.5 million, to be met from national funding for reducing "
                    "waiting times."
                ),
            ),
            (
                "crosshead",
                "Patients urged to keep appointments",
            ),
            (
                "paragraph",
                (
                    "The trust said about 6 per cent of outpatient appointments were missed "
                    "last year, and asked patients who cannot attend to cancel so that the "
                    "slot can be offered to someone else. Anyone whose condition has worsened "
                    "while waiting is advised to contact their GP or the trust's <a "
                    'href="https://example.org/vale-health/patient-advice">patient advice '
                    "service</a>."
                ),
            ),
            (
                "paragraph",
                (
                    "The trust's board will discuss a full recovery plan at its meeting next "
                    "month. The meeting is open to the public."
                ),
            ),
        ],
    },
    {
        "section": "business",
        "slug": "north-quay-harbour-redevelopment-approved",
        "headline": (
            "£120m Harwick harbour redevelopment approved despite fishing fleet objections"
        ),
        "standfirst": (
            "Planners have backed homes, a hotel and a marina on the old North Quay, but "
            "fishermen say the scheme leaves too little room for the working harbour."
        ),
        "dateline": "HARWICK",
        "authors": ["dan-okafor", "tomasz-reid"],
        "tags": ["harbour", "fishing", "planning", "housing"],
        "hours_ago": 60,
        "photo": {
            "title": "North Quay",
            "alt": "Harbour cranes and moored fishing boats at dusk",
            "caption": (
                "Fishing boats moored at North Quay, which is to be redeveloped over the next "
                "eight years."
            ),
            "photographer": "Marcus Threlfall",
            "credit": "Vale Picture Desk",
            "palette": ["#1d3557", "#457b9d", "#f1faee"],
            "scene": "harbour",
        },
        "body": [
            (
                "paragraph",
                (
                    "A £120 million plan to redevelop Harwick's North Quay has been approved "
                    "by the city council's planning committee, despite objections from the "
                    "fishing fleet and some harbourside residents. The scheme, led by the "
                    "developer Tidemark Estates, includes 480 homes, a 110-room hotel, a "
                    "200-berth marina and a public promenade linking the quay to the city "
                    "centre."
                ),
            ),
            (
                "paragraph",
                (
                    "Councillors voted seven to four in favour after a meeting that lasted "
                    "almost five hours. Planning officers had recommended approval, saying the "
                    "scheme would bring a derelict part of the harbour back into use and "
                    "create about 350 permanent jobs."
                ),
            ),
            (
                "crosshead",
                "Fishermen fear being squeezed out",
            ),
            (
                "paragraph",
                (
                    "The Harwick Fishermen's Co-operative, which represents 46 boats, told the "
                    "committee that the plans would cut the quayside space available for "
                    "landing and storing catches by about a third. It also warned that new "
                    "residents were likely to complain about noise from boats leaving in the "
                    "early hours."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We have landed fish on this quay for three hundred years. Nobody is "
                        "against new homes, but a harbour without a working fleet is just a "
                        "car park with a view."
                    ),
                    "attribution": "Pete Rowland, chair, Harwick Fishermen's Co-operative",
                },
            ),
            (
                "paragraph",
                (
                    "Tidemark Estates said it had revised the plans twice after consultation "
                    "and would build a new ice plant and gear store for the fleet on the "
                    "eastern side of the quay before work on the housing begins. The homes "
                    "will be built in four phases over eight years."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "This is a working harbour and we want it to stay that way. The fleet "
                        "will have better facilities at the end of this than it has now."
                    ),
                    "attribution": "Annika Shaw, development director, Tidemark Estates",
                },
            ),
            (
                "crosshead",
                "Affordable homes below target",
            ),
            (
                "paragraph",
                (
                    "Of the 480 homes, 72, or 15 per cent, will be classed as affordable, half "
                    "the council's policy target of 30 per cent. The developer argued in a <a "
                    'href="https://example.org/north-quay-viability">viability '
                    "assessment</a> that the cost of repairing the quay walls and cleaning up "
                    "contaminated land made a higher proportion unaffordable, and the "
                    "council's independent assessor agreed."
                ),
            ),
            (
                "paragraph",
                (
                    "Opponents have six weeks to apply for a judicial review of the decision. "
                    "The co-operative said it was taking legal advice."
                ),
            ),
        ],
    },
    {
        "section": "city",
        "slug": "northgate-road-cycle-lane-consultation",
        "headline": "Residents asked for views on protected cycle lanes along Northgate Road",
        "standfirst": (
            "Vale County Council wants to remove 140 parking spaces to build a 2.4km "
            "segregated cycle route into Harwick city centre, and is asking residents and "
            "traders what they think."
        ),
        "dateline": "HARWICK",
        "authors": ["tomasz-reid"],
        "tags": ["transport", "cycling", "council"],
        "hours_ago": 78,
        "photo": {
            "title": "Northgate Road",
            "alt": ("A busy city road with traffic lights and a parade of shops under a pale sky"),
            "caption": (
                "Northgate Road, where the council proposes a segregated cycle route in both "
                "directions."
            ),
            "photographer": "Grace Albury",
            "credit": "Vale Picture Desk",
            "palette": ["#2a9d8f", "#e9c46a", "#264653"],
            "scene": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "Vale County Council has opened a consultation on plans for protected "
                    "cycle lanes along Northgate Road, one of the busiest routes into Harwick "
                    "city centre. The 2.4km scheme would separate cyclists from traffic with "
                    "low kerbs and would remove about 140 on-street parking spaces."
                ),
            ),
            (
                "paragraph",
                (
                    "The council says the road carries about 11,000 vehicles and 650 cyclists "
                    "a day, and that 38 collisions involving cyclists have been recorded there "
                    "in the past five years. The scheme would cost £6.8 million, most of it "
                    "from a government active-travel grant that must be spent by the end of "
                    "next year."
                ),
            ),
            (
                "crosshead",
                "Traders worried about parking",
            ),
            (
                "paragraph",
                (
                    "Shopkeepers on the northern stretch of the road say losing parking would "
                    "drive away customers who come by car. The Northgate Traders' Association "
                    "surveyed its 52 members and found that 41 opposed the plans in their "
                    "current form."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Half my customers are older people who cannot carry a week's shopping "
                        "on a bike. If they cannot park outside, they will go to the retail "
                        "park instead."
                    ),
                    "attribution": "Lorraine Beck, owner of Beck's Hardware, Northgate Road",
                },
            ),
            (
                "paragraph",
                (
                    "The council has proposed turning a little-used car park behind the "
                    "library into 60 short-stay spaces and adding loading bays at each end of "
                    "the shopping parade. It says its own counts found that most people "
                    "visiting Northgate's shops arrive on foot or by bus."
                ),
            ),
            (
                "paragraph",
                (
                    "Cycling groups have welcomed the scheme but say it does not go far "
                    "enough. The Harwick Cycle Forum wants the route extended to the "
                    "university campus and the railway station, which it says would double the "
                    "number of people using it."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Parents tell us they would let their children cycle to school if the "
                        "roads felt safe. This is the first time the council has offered a "
                        "route that would actually do that."
                    ),
                    "attribution": "Dev Mistry, Harwick Cycle Forum",
                },
            ),
            (
                "crosshead",
                "How to respond",
            ),
            (
                "paragraph",
                (
                    "The consultation runs for eight weeks. Residents can see the plans and "
                    'respond <a href="https://example.org/northgate-consultation">online</a> '
                    "or at drop-in sessions at Northgate Library, and a final design will go "
                    "to the council's transport committee in the summer."
                ),
            ),
        ],
    },
    {
        "section": "business",
        "slug": "fore-street-shop-closures",
        "headline": "Eighteen shops close on Harwick's Fore Street in a year as costs bite",
        "standfirst": (
            "Independent traders blame rising rents, business rates and energy bills, as a "
            "survey shows that one in four units on the city's oldest shopping street is now "
            "empty."
        ),
        "dateline": "HARWICK",
        "authors": ["dan-okafor"],
        "tags": ["high-street", "jobs", "small-business"],
        "hours_ago": 97,
        "photo": {
            "title": "Empty shopfronts on Fore Street",
            "alt": "A row of shopfronts on a narrow street, several with their shutters down",
            "caption": (
                "Empty units on Fore Street, where 18 businesses have closed in the past year."
            ),
            "photographer": "Owen Carrick",
            "credit": "Vale Picture Desk",
            "palette": ["#9c6644", "#ede0d4", "#7f5539"],
            "scene": "market",
        },
        "body": [
            (
                "paragraph",
                (
                    "Eighteen businesses on Fore Street, Harwick's oldest shopping street, "
                    "have closed in the past twelve months, according to a survey by the "
                    "Harwick Chamber of Trade. Of the street's 96 ground-floor units, 24 are "
                    "now empty, the highest vacancy rate since the chamber began keeping "
                    "records in 2004."
                ),
            ),
            (
                "paragraph",
                (
                    "Most of the closures were small independent shops, including a bakery, "
                    "two clothing boutiques, a bookshop and a shoe repairer that had traded "
                    "for 41 years. The chamber estimates that about 70 jobs have been lost."
                ),
            ),
            (
                "crosshead",
                "Rents, rates and energy",
            ),
            (
                "paragraph",
                (
                    "Traders who spoke to us pointed to a combination of pressures rather than "
                    "a single cause. Many small shops say their energy bills are roughly "
                    "double what they were five years ago, while relief on business rates has "
                    "been reduced and the number of people visiting the street has not "
                    "recovered."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We did everything right. We had loyal customers and a good website, "
                        "but when the lease came up the landlord wanted another 20 per cent, "
                        "and there was no way to make the numbers work."
                    ),
                    "attribution": "Hannah Lowe, former owner of Lowe's Bakery, Fore Street",
                },
            ),
            (
                "paragraph",
                (
                    "Many of Fore Street's buildings are owned by property investment funds "
                    "based outside the Vale, and traders say some landlords would rather leave "
                    "units empty than lower rents. The chamber wants the council to use its "
                    "powers to <b>auction the leases of shops that have stood empty for more "
                    "than a year</b>."
                ),
            ),
            (
                "crosshead",
                "Signs of new life",
            ),
            (
                "paragraph",
                (
                    "Not every unit has stayed empty. Five new businesses have opened on the "
                    "street in the same period, including a repair café, a Caribbean takeaway "
                    "and a shared workshop for local makers run by a community interest "
                    "company."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Fore Street is not dying, but it is changing. The shops that are "
                        "doing well are the ones that give people a reason to come in person."
                    ),
                    "attribution": "Rachel Dunmore, chair, Harwick Chamber of Trade",
                },
            ),
            (
                "paragraph",
                (
                    "Harwick City Council said it would spend £450,000 from its regeneration "
                    "budget on grants of up to £10,000 to help new businesses fit out empty "
                    "units. Applications open in the spring, and details are on the <a "
                    'href="https://example.org/fore-street-grants">council\'s business '
                    "support page</a>."
                ),
            ),
        ],
    },
    {
        "section": "city",
        "slug": "landlord-fined-over-damp-flats",
        "headline": "Landlord fined £86,000 over damp, mould and fire risks in Harwick flats",
        "standfirst": (
            "A Harwick property company and its director were prosecuted by the city council "
            "after inspectors found tenants living with black mould, broken heating and a "
            "blocked fire exit."
        ),
        "dateline": "HARWICK",
        "authors": ["priya-castell"],
        "tags": ["housing", "courts", "council"],
        "hours_ago": 122,
        "photo": {
            "title": "Harwick Magistrates' Court",
            "alt": "A stone court building with tall windows on an overcast day",
            "caption": "The case was heard at Harwick Magistrates' Court.",
            "photographer": "Isobel Fenwick",
            "credit": "Vale Picture Desk",
            "palette": ["#6c757d", "#adb5bd", "#343a40"],
            "scene": "city",
        },
        "body": [
            (
                "paragraph",
                (
                    "A property company and its director have been ordered to pay £86,000 in "
                    "fines and costs after admitting a series of housing offences at a block "
                    "of flats in Harwick. Saltway Lettings Ltd and its sole director, Graham "
                    "Tull, 58, pleaded guilty at Harwick Magistrates' Court to 14 offences "
                    "under housing management regulations."
                ),
            ),
            (
                "paragraph",
                (
                    "The prosecution was brought by Harwick City Council after tenants at "
                    "Mariner House, a converted warehouse on Quay Lane with 12 flats, "
                    "complained about damp and broken heating. Council inspectors found black "
                    "mould in nine of the flats, a fire alarm system that did not work and a "
                    "fire exit blocked by stored furniture."
                ),
            ),
            (
                "crosshead",
                "Tenants' complaints ignored",
            ),
            (
                "paragraph",
                (
                    "The court heard that tenants had reported problems to the company "
                    "repeatedly over two years. One family with a baby had been living in a "
                    "single room because the other was too damp to use, and an elderly tenant "
                    "had been without heating for six weeks in the winter."
                ),
            ),
            (
                "paragraph",
                (
                    "Jessica Harland, prosecuting for the council, said the company had "
                    "collected more than £110,000 a year in rent from the building while "
                    "spending very little on its upkeep. She told the court that an "
                    "improvement notice served on the company in 2023 had been ignored."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "These were not minor defects. People were living in conditions that "
                        "put their health, and in the case of the fire exit their lives, at "
                        "risk."
                    ),
                    "attribution": "Jessica Harland, prosecuting for Harwick City Council",
                },
            ),
            (
                "paragraph",
                (
                    "Michael Arden, defending, said Mr Tull had been unwell for much of the "
                    "period and had relied on a managing agent who has since been dismissed. "
                    "He said the company had now spent £45,000 on repairs and had completed "
                    "all the work the council required."
                ),
            ),
            (
                "crosshead",
                "Council promises more inspections",
            ),
            (
                "paragraph",
                (
                    "District Judge Sarah Keene fined the company £62,000 and Mr Tull £8,000, "
                    "and ordered them to pay £16,000 towards the council's costs. She said the "
                    "offences showed a <i>prolonged disregard for the welfare of tenants</i>."
                ),
            ),
            (
                "paragraph",
                (
                    "Harwick City Council said it had brought 11 prosecutions against "
                    "landlords in the past year and plans to introduce licensing for private "
                    "rented homes in three inner-city wards. Tenants worried about the "
                    "condition of their homes can contact the council's private housing team."
                ),
            ),
        ],
    },
    {
        "section": "politics",
        "slug": "free-school-meals-pilot-extended",
        "headline": "Free school meals pilot to be extended to 14 more Vale primary schools",
        "standfirst": (
            "Early findings from a year-long trial suggest that free lunches for every pupil "
            "improved attendance, and the county council will now spend £1.9m widening the "
            "scheme."
        ),
        "dateline": "WENBURY",
        "authors": ["priya-castell", "eleanor-marsh"],
        "tags": ["schools", "council", "budget"],
        "hours_ago": 150,
        "photo": {
            "title": "Wenbury Primary School playing field",
            "alt": "A school playing field with small goalposts under a clear sky",
            "caption": (
                "The playing field at Wenbury Primary School, one of six schools in the pilot."
            ),
            "photographer": "Grace Albury",
            "credit": "Vale Picture Desk",
            "palette": ["#6a994e", "#a7c957", "#f2e8cf"],
            "scene": "field",
        },
        "body": [
            (
                "paragraph",
                (
                    "A pilot scheme offering free school lunches to every primary pupil, "
                    "whatever their family's income, is to be extended to 14 more schools "
                    "across the Vale after early results showed improvements in attendance. "
                    "Vale County Council's cabinet has agreed to spend £1.9 million on the "
                    "expansion, which will start in September."
                ),
            ),
            (
                "paragraph",
                (
                    "The pilot began last year in six primary schools in Wenbury, Staithe End "
                    "and the north of Harwick, covering about 1,700 children. Under national "
                    "rules, only children from households receiving certain benefits are "
                    "entitled to free meals, which in the pilot schools meant about a third of "
                    "pupils."
                ),
            ),
            (
                "crosshead",
                "What the evaluation found",
            ),
            (
                "paragraph",
                (
                    "An interim evaluation by researchers at the University of the Vale found "
                    "that attendance in the pilot schools rose by 1.4 percentage points "
                    "compared with similar schools that were not taking part. Take-up of "
                    "school meals rose from 48 per cent to 89 per cent, and teachers reported "
                    "fewer pupils complaining of hunger in afternoon lessons."
                ),
            ),
            (
                "paragraph",
                (
                    "The researchers cautioned that the findings cover a single year and that "
                    "it is too early to measure any effect on results. A <a "
                    'href="https://example.org/vale-meals-evaluation">summary of the interim '
                    "findings</a> has been published, and the full report is due next year."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "We used to have children who would not eat at lunchtime because they "
                        "were embarrassed to be the ones on free meals. When everyone eats "
                        "together, that stigma simply goes away."
                    ),
                    "attribution": "Amira Collins, headteacher, Wenbury Primary School",
                },
            ),
            (
                "crosshead",
                "Questions over cost",
            ),
            (
                "paragraph",
                (
                    "Not all councillors supported the expansion. Cllr Trevor Nash, education "
                    "spokesman for Vale First, said the money would be better targeted at "
                    "struggling families just above the threshold for free meals than at "
                    "households that could afford to pay."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Every pound spent on free lunches for well-off families is a pound "
                        "not spent on support for children with special needs, where the "
                        "waiting lists are shocking."
                    ),
                    "attribution": "Cllr Trevor Nash, Vale First education spokesman",
                },
            ),
            (
                "paragraph",
                (
                    "Cllr Bethan Lyle, cabinet member for children's services, said universal "
                    "provision was simpler to run and reached children in working families who "
                    "often missed out. She said the council would keep the scheme under review "
                    "and publish the cost for each school."
                ),
            ),
            (
                "paragraph",
                (
                    "Parents at the 14 schools joining the scheme will receive letters before "
                    "the summer holidays. The council said families would not need to apply."
                ),
            ),
        ],
    },
    {
        "section": "business",
        "slug": "port-ellis-flood-defence-contract",
        "headline": "£38m Port Ellis flood defence contract awarded to Vale construction firm",
        "standfirst": (
            "Work on a tidal barrier and a raised sea wall will start in the spring, "
            "protecting about 1,100 homes and businesses in a town that has flooded three "
            "times in a decade."
        ),
        "dateline": "PORT ELLIS",
        "authors": ["dan-okafor"],
        "tags": ["flooding", "jobs", "environment"],
        "hours_ago": 188,
        "photo": {
            "title": "The Ell estuary",
            "alt": "Grey-green hills above a river estuary under heavy cloud",
            "caption": (
                "The Ell estuary at Port Ellis, where the new tidal barrier will be built."
            ),
            "photographer": "Owen Carrick",
            "credit": "Vale Picture Desk",
            "palette": ["#52796f", "#84a98c", "#cad2c5"],
            "scene": "hills",
        },
        "body": [
            (
                "paragraph",
                (
                    "A £38 million contract to build new flood defences in Port Ellis has been "
                    "awarded to Tollard Civil Engineering, a company based in Kerridge, the "
                    "Vale Rivers Authority has announced. The scheme includes a tidal barrier "
                    "across the mouth of the River Ell and a raised sea wall along 1.3km of "
                    "the town's waterfront."
                ),
            ),
            (
                "paragraph",
                (
                    "Port Ellis has flooded three times in the past ten years, most recently "
                    "when a tidal surge combined with heavy rain sent water into 260 homes and "
                    "the town's fish market. The authority says the new defences will cut the "
                    "annual risk of flooding for about 1,100 properties from around one in 20 "
                    "to one in 200."
                ),
            ),
            (
                "crosshead",
                "Jobs and local suppliers",
            ),
            (
                "paragraph",
                (
                    "Tollard says the contract will secure 120 jobs at the company and create "
                    "40 more during construction, which is expected to take three years. It "
                    "has committed to spending at least 40 per cent of the contract's value "
                    "with suppliers based in the Vale and to taking on 12 apprentices."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "This is the biggest contract in our company's history, and it is in "
                        "our own back yard. Most of the people who will build this wall have "
                        "family in Port Ellis."
                    ),
                    "attribution": ("David Tollard, managing director, Tollard Civil Engineering"),
                },
            ),
            (
                "paragraph",
                (
                    "The scheme is funded by £29 million of government flood defence money, £6 "
                    "million from Vale County Council and £3 million raised from waterfront "
                    "businesses through a local levy. Business owners say the defences are "
                    "essential if they are to go on getting flood insurance at a price they "
                    "can afford."
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "After the last flood our premium went up fourfold and the excess went "
                        "to £25,000. Some of my neighbours could not get cover at all."
                    ),
                    "attribution": "Kate Renshaw, owner, Harbour Chandlery, Port Ellis",
                },
            ),
            (
                "crosshead",
                "Disruption during construction",
            ),
            (
                "paragraph",
                (
                    "The waterfront car park will close for the duration of the works, and "
                    "access to the harbour will be restricted for about 18 months while the "
                    "barrier is installed. The authority said it would keep at least one "
                    "channel open for fishing boats and the passenger ferry at all times."
                ),
            ),
            (
                "paragraph",
                (
                    "Environmental groups have asked the authority to monitor the effect of "
                    "the barrier on the estuary's salt marsh, which supports wading birds in "
                    "winter. The authority said it had carried out a <a "
                    'href="https://example.org/ell-barrier-assessment">full environmental '
                    "assessment</a> and would create 8 hectares of new intertidal habitat "
                    "upstream."
                ),
            ),
        ],
    },
]

WIRE_STORY: dict[str, Any] = {
    "section": "business",
    "slug": "european-coastal-fisheries-quota-agreement",
    "headline": "European coastal states agree three-year deal on inshore fishing quotas",
    "standfirst": (
        "Ministers from nine coastal states agreed after two days of talks to cut catch limits "
        "for three species, while reserving a larger share of quotas for small inshore boats."
    ),
    "dateline": "BRUSSELS",
    "byline": "Northwire",
    "located": "BRUSSELS",
    "copyright_notice": "© Northwire 2026",
    "usage_terms": "For use by subscribing publications only.",
    "tags": ["fishing", "europe", "environment"],
    "hours_ago": 9,
    "photo": {
        "title": "Inshore fishing boats",
        "alt": "Small fishing boats moored in a grey harbour under low cloud",
        "caption": (
            "Inshore fishing boats in harbour. The new agreement reserves a larger share of "
            "quotas for vessels under 12 metres long."
        ),
        "photographer": "Lena Vasseur",
        "credit": "Northwire",
        "copyright_holder": "Northwire News Agency",
        "palette": ["#14213d", "#5f7c8a", "#e5e5e5"],
        "scene": "harbour",
    },
    "body": [
        (
            "paragraph",
            (
                "Fisheries ministers from nine European coastal states have agreed a "
                "three-year framework for managing inshore fish stocks, ending two days of "
                "talks in Brussels that ran through the night. The Northern Waters Coastal "
                "Fisheries Agreement sets catch limits for cod, sole and plaice in waters "
                "within 12 nautical miles of the participating states' coasts."
            ),
        ),
        (
            "paragraph",
            (
                "Under the deal, total allowable catches of inshore cod will fall by 15 per "
                "cent next year, with smaller cuts of 8 per cent for sole and 5 per cent for "
                "plaice. Limits for herring and mackerel, the subject of a separate dispute, "
                "were left unchanged pending new scientific advice."
            ),
        ),
        (
            "crosshead",
            "Larger share for small boats",
        ),
        (
            "paragraph",
            (
                "For the first time, the agreement reserves a fixed share of each national "
                "quota for vessels under 12 metres long. From next year at least 25 per cent "
                "of each state's inshore quota must go to small-scale fleets, rising to 30 per "
                "cent in the third year."
            ),
        ),
        (
            "quote",
            {
                "text": (
                    "This agreement recognises that the future of our coastal communities "
                    "depends both on healthy stocks and on the small boats that have fished "
                    "these waters for generations."
                ),
                "attribution": "Marta Lindqvist, chair of the ministerial talks",
            },
        ),
        (
            "paragraph",
            (
                "Lindqvist, who chaired the talks on behalf of the group's rotating "
                "presidency, said the cuts followed scientific advice that inshore cod stocks "
                "had fallen below safe biological limits in the waters of four of the nine "
                "states. She told reporters that the reserved share for small boats had been "
                "the most difficult part of the negotiations."
            ),
        ),
        (
            "paragraph",
            (
                "The states also committed to a common system of electronic catch reporting "
                "for all vessels over 8 metres by the end of the three-year period, and to "
                "sharing inspection data. Officials said this would make it harder for catches "
                "landed in one state to be recorded against another state's quota."
            ),
        ),
        (
            "crosshead",
            "Mixed reaction from industry",
        ),
        (
            "paragraph",
            (
                "Organisations representing small-scale fishers welcomed the reserved share "
                "but said the cod cuts would fall hardest on inshore boats, many of which have "
                "few other species to target. Operators of larger vessels said the reservation "
                "would reduce their access to stocks that were already limited."
            ),
        ),
        (
            "quote",
            {
                "text": (
                    "The share for small boats is a real step forward, but a 15 per cent cut "
                    "in cod will keep boats tied up in harbours along the coast this winter. "
                    "Ministers must now make sure the promised support reaches the people who "
                    "need it."
                ),
                "attribution": (
                    "Joost Verhaegen, secretary general, European Inshore Fishers' Network"
                ),
            },
        ),
        (
            "paragraph",
            (
                "Ministers agreed a transitional support fund of 140 million euros over three "
                "years for affected fishers, including payments for temporarily laying up "
                "vessels and grants for more selective fishing gear. How the fund will be "
                "divided between the states is due to be settled by the spring."
            ),
        ),
        (
            "paragraph",
            (
                "Environmental groups said the agreement was an improvement on previous "
                "arrangements but that the cod cut fell short of the 25 per cent reduction "
                "scientists had recommended. The agreement must now be ratified by each "
                "participating state and is due to take effect at the start of next year."
            ),
        ),
    ],
}
