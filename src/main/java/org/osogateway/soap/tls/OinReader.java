package org.osogateway.soap.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Reads a supplier's OIN from a certificate subject attribute ({@code gateway.soap.tls.oin-attribute}: a name
 * such as serialNumber, or a dotted OID such as 2.5.4.5). An OIN is 20 letters or digits.
 */
public final class OinReader {
    private static final Pattern OIN = Pattern.compile("[0-9A-Za-z]{20}");
    private static final Pattern DOTTED_OID = Pattern.compile("[0-2](\\.\\d+)+");

    private final String attribute;
    private final ASN1ObjectIdentifier oid;

    public OinReader(String attribute) {
        this.attribute = attribute;
        this.oid = oidOf(attribute);
    }

    /** The configured attribute as it was written, for messages. */
    public String attribute() {
        return attribute;
    }

    /** The OIN in the subject, or empty when the attribute is missing, repeated with different values, or no OIN. */
    public Optional<String> oin(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String found = null;
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (!atv.getType().equals(oid)) {
                    continue;
                }
                if (!(atv.getValue() instanceof ASN1String s)) {
                    return Optional.empty();
                }
                if (found != null && !found.equals(s.getString())) {
                    return Optional.empty(); // two different values: no single identity
                }
                found = s.getString();
            }
        }
        return found != null && OIN.matcher(found).matches() ? Optional.of(found) : Optional.empty();
    }

    private static ASN1ObjectIdentifier oidOf(String attribute) {
        String a = attribute == null ? "" : attribute.trim();
        try {
            if (DOTTED_OID.matcher(a).matches()) {
                return new ASN1ObjectIdentifier(a);
            }
            return BCStyle.INSTANCE.attrNameToOID(a);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("gateway.soap.tls.oin-attribute: '" + attribute
                    + "' is neither a subject attribute name (such as serialNumber) nor a dotted OID (such as 2.5.4.5)");
        }
    }
}
