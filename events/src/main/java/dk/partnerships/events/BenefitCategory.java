package dk.partnerships.events;

/**
 * What a partnership is expected to deliver, in the words the departments used for the benefits of innovation
 * partnerships: relationships across units, an agile way of working, knowledge, a need met; and, where it applies,
 * money, climate or quality (of care, of service).
 */
public enum BenefitCategory {
    RELATIONSHIPS,
    AGILITY,
    KNOWLEDGE,
    NEED_MET,
    ECONOMY,
    CLIMATE,
    QUALITY,
    OTHER
}
