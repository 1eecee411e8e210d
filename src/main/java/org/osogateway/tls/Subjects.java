package org.osogateway.tls;

import java.security.cert.X509Certificate;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** Certificate subjects as readable text, with {@code SERIALNUMBER} (where PKIoverheid puts the OIN) spelled out. */
public final class Subjects {
    private static final Map<String, String> NAMES = Map.of("2.5.4.5", "SERIALNUMBER");

    private Subjects() {
    }

    /** E.g. {@code CN=OSO Gateway,SERIALNUMBER=00000001234567890000,O=...} (RFC 2253 order). */
    public static String of(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMES);
    }
}
