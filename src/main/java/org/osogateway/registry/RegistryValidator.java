package org.osogateway.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.osogateway.registry.RuleFinding.conflict;
import static org.osogateway.registry.RuleFinding.invalid;

/**
 * Checks a whole {@link RegistryData} for formats, references, R4 and R5, and lists every problem
 * (one {@link RuleFinding} per problem, its message naming the entry) instead of stopping at the first.
 */
public final class RegistryValidator {
    static final Pattern BRIN = Pattern.compile("[0-9]{2}[A-Z]{2}");
    static final Pattern VESTIGING = Pattern.compile("[0-9]{2}");
    static final Pattern OIN = Pattern.compile("[0-9A-Za-z]{20}");
    static final Pattern ROUTERINGSKENMERK = Pattern.compile("[0-9A-Za-z]{20}");

    /** Every problem in the data; empty when the data may be used. */
    public List<RuleFinding> validate(RegistryData data) {
        List<RuleFinding> errors = new ArrayList<>();
        Map<String, Board> boards = checkBoards(data, errors);
        checkAgreements(data, boards, errors);
        Map<String, Supplier> suppliers = checkSuppliers(data, errors);
        Map<String, School> schools = checkSchools(data, boards, errors);
        checkMandates(data, schools, suppliers, errors);
        checkEndpoints(data, schools, suppliers, errors);
        return errors;
    }

    /** Throws {@link InvalidRegistryException} listing every problem, each prefixed with {@code source}. */
    public void requireValid(RegistryData data, String source) {
        List<RuleFinding> findings = validate(data);
        if (!findings.isEmpty()) {
            throw new InvalidRegistryException(source, findings);
        }
    }

    private static Map<String, Board> checkBoards(RegistryData data, List<RuleFinding> errors) {
        Map<String, Board> byId = new HashMap<>();
        for (Board board : data.boards()) {
            String label = "board " + board.id();
            if (board.id().isBlank()) {
                errors.add(invalid("FORMAT", "id", "board with empty id"));
            }
            requireText(board.name(), label, "name", errors);
            if (byId.putIfAbsent(board.id(), board) != null) {
                errors.add(conflict("UNIQUE", "id", label + ": id used twice"));
            }
        }
        return byId;
    }

    private static void checkAgreements(RegistryData data, Map<String, Board> boards, List<RuleFinding> errors) {
        for (Agreement agreement : data.agreements()) {
            String label = "board " + agreement.boardId() + " agreement from " + agreement.validFrom();
            if (!boards.containsKey(agreement.boardId())) {
                errors.add(conflict("REFERENCE", "board", label + ": unknown board"));
            }
            checkPeriod(agreement, label, errors);
        }
    }

    private static Map<String, Supplier> checkSuppliers(RegistryData data, List<RuleFinding> errors) {
        Map<String, Supplier> byOin = new HashMap<>();
        for (Supplier supplier : data.suppliers()) {
            String label = "supplier " + supplier.oin();
            requireFormat(supplier.oin(), OIN, label, "OIN", "oin", "20 letters or digits", errors);
            requireText(supplier.name(), label, "name", errors);
            if (byOin.putIfAbsent(supplier.oin(), supplier) != null) {
                errors.add(conflict("UNIQUE", "oin", label + ": OIN used twice"));
            }
        }
        return byOin;
    }

    private static Map<String, School> checkSchools(RegistryData data, Map<String, Board> boards, List<RuleFinding> errors) {
        Map<String, School> byBrin = new HashMap<>();
        for (School school : data.schools()) {
            String label = "school " + school.brin();
            requireFormat(school.brin(), BRIN, label, "BRIN", "brin", "2 digits and 2 capital letters, e.g. 00YY", errors);
            requireText(school.name(), label, "name", errors);
            if (!boards.containsKey(school.boardId())) {
                errors.add(conflict("REFERENCE", "board", label + ": unknown board " + school.boardId()));
            }
            for (String vestiging : school.vestigingen()) {
                requireFormat(vestiging, VESTIGING, label, "vestiging", "vestiging", "2 digits, e.g. 00", errors);
            }
            if (byBrin.putIfAbsent(school.brin(), school) != null) {
                errors.add(conflict("UNIQUE", "brin", label + ": BRIN used twice"));
            }
        }
        return byBrin;
    }

    private static void checkMandates(RegistryData data, Map<String, School> schools, Map<String, Supplier> suppliers,
                                      List<RuleFinding> errors) {
        for (Mandate mandate : data.mandates()) {
            String label = "school " + mandate.brin() + " mandate of supplier " + mandate.supplierOin()
                    + " for service version " + mandate.serviceVersion() + " from " + mandate.validFrom();
            if (!schools.containsKey(mandate.brin())) {
                errors.add(conflict("REFERENCE", "brin", label + ": unknown school"));
            }
            if (!suppliers.containsKey(mandate.supplierOin())) {
                errors.add(conflict("REFERENCE", "supplier", label + ": unknown supplier " + mandate.supplierOin()));
            }
            checkServiceVersion(mandate.serviceVersion(), label, errors);
            checkPeriod(mandate, label, errors);
        }
    }

    private static void checkEndpoints(RegistryData data, Map<String, School> schools, Map<String, Supplier> suppliers,
                                       List<RuleFinding> errors) {
        Set<String> seen = new HashSet<>();
        for (Endpoint endpoint : data.endpoints()) {
            String label = "school " + endpoint.brin() + " endpoint " + endpoint.routeringskenmerk();
            requireFormat(endpoint.routeringskenmerk(), ROUTERINGSKENMERK, label, "routeringskenmerk",
                    "routeringskenmerk", "20 letters or digits", errors);
            if (!seen.add(endpoint.routeringskenmerk())) {
                // R5: one routeringskenmerk names one endpoint of one school
                errors.add(conflict("R5", "routeringskenmerk", label + ": routeringskenmerk used twice (R5)"));
            }
            School school = schools.get(endpoint.brin());
            if (school == null) {
                errors.add(conflict("R5", "brin", label + ": unknown school (R5)"));
            } else if (endpoint.vestiging() != null && !school.hasVestiging(endpoint.vestiging())) {
                errors.add(conflict("REFERENCE", "vestiging", label + ": vestiging " + endpoint.vestiging()
                        + " is not a branch of school " + school.brin()));
            }
            if (!suppliers.containsKey(endpoint.supplierOin())) {
                errors.add(conflict("REFERENCE", "supplier", label + ": unknown supplier " + endpoint.supplierOin()));
            }
            checkServiceVersion(endpoint.serviceVersion(), label, errors);
            checkUrl(endpoint.url(), label, errors);
            if (checkPeriod(endpoint, label, errors)) {
                checkMandateCoverage(endpoint, data.mandates(), label, errors);
            }
        }
    }

    /** R4: every day of the endpoint's period must fall under a mandate for the same school, supplier and version. */
    private static void checkMandateCoverage(Endpoint endpoint, List<Mandate> mandates, String label,
                                             List<RuleFinding> errors) {
        MandateCoverage.firstUncoveredDay(endpoint, mandates).ifPresent(day -> {
            String what = day.equals(endpoint.validFrom()) ? "" : " (the endpoint outlives its mandate)";
            errors.add(conflict("R4", null, label + ": no mandate of supplier " + endpoint.supplierOin()
                    + " for service version " + endpoint.serviceVersion() + " valid on " + day + what + " (R4)"));
        });
    }

    private static boolean checkPeriod(ValidityPeriod period, String label, List<RuleFinding> errors) {
        if (period.validTo() != null && period.validTo().isBefore(period.validFrom())) {
            errors.add(invalid("PERIOD", "validTo", label + ": validTo " + period.validTo() + " is before validFrom "
                    + period.validFrom()));
            return false;
        }
        return true;
    }

    private static void checkServiceVersion(String serviceVersion, String label, List<RuleFinding> errors) {
        // a service version is a dossier namespace URI, e.g. http://www.edustandaard.nl/oso_gegevensset/2019/dossier
        try {
            if (!new URI(serviceVersion).isAbsolute()) {
                errors.add(invalid("FORMAT", "serviceVersion", label + ": service version " + serviceVersion
                        + " is not an absolute namespace URI"));
            }
        } catch (URISyntaxException e) {
            errors.add(invalid("FORMAT", "serviceVersion", label + ": service version " + serviceVersion
                    + " is not a namespace URI"));
        }
    }

    private static void checkUrl(String url, String label, List<RuleFinding> errors) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                errors.add(invalid("FORMAT", "url", label + ": url " + url + " is not an absolute http(s) URL"));
            }
        } catch (URISyntaxException e) {
            errors.add(invalid("FORMAT", "url", label + ": url " + url + " is not a URL"));
        }
    }

    private static void requireFormat(String value, Pattern pattern, String label, String what, String field,
                                      String expected, List<RuleFinding> errors) {
        if (value == null || !pattern.matcher(value).matches()) {
            errors.add(invalid("FORMAT", field, label + ": " + what + " '" + value + "' must be " + expected));
        }
    }

    private static void requireText(String value, String label, String what, List<RuleFinding> errors) {
        if (value == null || value.isBlank()) {
            errors.add(invalid("FORMAT", what, label + ": " + what + " is empty"));
        }
    }
}
