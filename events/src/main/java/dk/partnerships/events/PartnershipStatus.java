package dk.partnerships.events;

/** Whether a partnership is moving, paused or closed. {@link #ABANDONED} and {@link #COMPLETED} are final. */
public enum PartnershipStatus {
    ACTIVE,
    ON_HOLD,
    ABANDONED,
    COMPLETED;

    public boolean isFinal() {
        return this == ABANDONED || this == COMPLETED;
    }
}
