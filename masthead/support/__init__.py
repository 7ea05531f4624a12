"""Reader support: contributions through Stripe Checkout, supporters, receipts."""
