package dk.partnerships.events;

/** How the municipality met an organisation in market dialogue. */
public enum MarketContactForm {
    MEETING,
    WORKSHOP,
    WRITTEN_QUESTIONS,
    REQUEST_FOR_INFORMATION,
    PRODUCT_TEST
}
