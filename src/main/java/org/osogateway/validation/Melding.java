package org.osogateway.validation;

/** One finding of an official business-rule stylesheet: its type ({@code Fout} rejects), XPath location and text. */
public record Melding(String type, String locatie, String tekst) {

    /** Only meldingen of type {@code Fout} make a dossier invalid; other types are reported, not refused. */
    public boolean isError() {
        return "Fout".equalsIgnoreCase(type);
    }
}
