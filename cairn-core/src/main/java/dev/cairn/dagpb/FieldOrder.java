package dev.cairn.dagpb;

/**
 * Order of the two PBNode fields in a dag-pb block (IPIP-550). Decoders accept both; the
 * canonical order, and the one every importer writes by default, is {@link #LINKS_FIRST}.
 */
public enum FieldOrder {
    /** All Links, then Data: the historical and default form (Kubo, boxo, js-dag-pb). */
    LINKS_FIRST,
    /** Data, then all Links: opt-in in Kubo 0.43+ and js-dag-pb 4.2+; lets readers stop early. */
    DATA_FIRST
}
