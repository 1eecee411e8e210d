package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.osogateway.validation.DossierMutation.remove;
import static org.osogateway.validation.DossierMutation.setText;
import static org.osogateway.validation.DossierMutation.uncomment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamReader;
import net.sf.saxon.s9api.XdmNode;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;
import org.osogateway.support.OfficialFiles;
import org.w3c.dom.Document;

/** Verifies that each chosen official business rule (2019.1 and 2017.1, OV and PaO) rejects a run-time mutated official example, schema-valid, at the stylesheet's own XPath. */
class BusinessRuleMutationTest {

    // Example dossiers, relative to the official OSO-gegevensset folder.
    private static final String POPO_19 = "2019.1/OV/examples/Voorbeelddossier_OV_POPO_full.xml";
    private static final String POVO_19 = "2019.1/OV/examples/Voorbeelddossier_OV_POVO_full.xml";
    private static final String VOVO_19 = "2019.1/OV/examples/Voorbeelddossier_OV_VOVO_full.xml";
    private static final String BB_19 = "2019.1/OV/examples/Voorbeelddossier_OV_BB_full.xml";
    private static final String POSWV_19 = "2019.1/PaO/examples/Voorbeelddossier_PaO_POSWV_full.xml";
    private static final String VOSWV_19 = "2019.1/PaO/examples/Voorbeelddossier_PaO_VOSWV_full.xml";
    private static final String POVO_17 = "2017.1/OV/examples/Voorbeelddossier_2017.1_OV_POVO_full.xml";
    private static final String VOVO_17 = "2017.1/OV/examples/Voorbeelddossier_2017.1_OV_VOVO_full.xml";
    private static final String BB_17 = "2017.1/OV/examples/Voorbeelddossier_2017.1_OV_BB_full.xml";
    private static final String POSWV_17 = "2017.1/PaO/examples/Voorbeelddossier_2017.1_PaO_POSWV_full.xml";

    private static final String OVERSTAP = "overstapdossier";
    private static final String BINNEN_BRIN = "overdrachtbinnenbrin";
    private static final String SWV = "swv-dossier";

    private static final String LEERLING = "/dossier[1]/huidigeschool[1]/leerling[1]";
    /** The category checks run in the context of the document node, for which the stylesheets' xpath template builds this. */
    private static final String DOCUMENT_NODE = "/[1]";

    /** One official rule: which example, how it is broken, and the melding the official stylesheet must give. */
    record Rule(String id, String example, String overdrachtsoort, DossierMutation mutation, String location, String text) {
        String version() {
            return example.substring(0, example.indexOf('/'));
        }

        @Override
        public String toString() {
            return id + " (" + version() + ", " + overdrachtsoort + "): " + mutation;
        }
    }

    /** The table: one row per official rule (id from the stylesheet comments; code lists by number). */
    static Stream<Rule> rules() {
        return Stream.of(
                // ---- code lists (ValideerOSOgegevensset_2019.1.xsl) ----
                new Rule("codelijst 14 Geslacht", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:geslacht", "9"),
                        LEERLING + "/geslacht[1]", "Het veld 'Geslacht' bevat een waarde die niet voorkomt in codelijst 14."),
                new Rule("codelijst 4 Communicatie soort", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:communicatielijst/od:communicatie[1]/od:soort", "fax"),
                        "/dossier[1]/huidigeschool[1]/communicatielijst[1]/communicatie[1]/soort[1]",
                        "Het veld 'Communicatie soort' bevat een waarde die niet voorkomt in codelijst 4."),
                new Rule("codelijst 5 Communicatie aanduiding", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:communicatielijst/od:communicatie[1]/od:aanduiding", "kantoor"),
                        "/dossier[1]/huidigeschool[1]/communicatielijst[1]/communicatie[1]/aanduiding[1]",
                        "Het veld 'Communicatie aanduiding' bevat een waarde die niet voorkomt in codelijst 5."),
                new Rule("codelijst 2 Advies VO", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:overstapadvies/od:advies", "99"),
                        LEERLING + "/overstapadvies[1]/advies[1]",
                        "Het veld 'VO advies volgens school' bevat een waarde die niet voorkomt in in codelijst 2."),
                new Rule("codelijst 21 Profiel", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:overstapadvies/od:profiel", "extra"),
                        LEERLING + "/overstapadvies[1]/profiel[1]",
                        "Het veld 'Profiel' binnen overstapadvies bevat een waarde die niet voorkomt in codelijst 21."),
                new Rule("codelijst 37 Toestemming", VOVO_19, OVERSTAP,
                        setText("/od:dossier/od:inzage/od:toestemming", "Misschien"),
                        "/dossier[1]/inzage[1]/toestemming[1]",
                        "Het veld 'Toestemming' bevat een waarde die niet voorkomt in codelijst 37."),
                new Rule("codelijst 48 Categorie uitlevering (cat_vve)", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:metadata/od:categorie_uitlevering/od:cat_vve", "NOOIT"),
                        "/dossier[1]/metadata[1]/categorie_uitlevering[1]/cat_vve[1]",
                        "Het veld 'Categorie VVE' (cat_vve) binnen metadata bevat een waarde die niet voorkomt in codelijst 48."),
                // ---- forbidden categories: VERBODEN while the block is present ----
                new Rule("OS.cat120 Toetsresultaten VERBODEN", POVO_19, OVERSTAP,
                        setText("/od:dossier/od:metadata/od:categorie_uitlevering/od:cat_toetsresultaten", "VERBODEN"),
                        DOCUMENT_NODE, "Een dossier mag geen gegevens uit de categorie \"Toetsresultaten\" bevatten wanneer deze categorie is verboden."),
                new Rule("OS.cat14 Cijferlijsten VERBODEN", VOVO_19, OVERSTAP,
                        setText("/od:dossier/od:metadata/od:categorie_uitlevering/od:cat_cijferlijsten", "VERBODEN"),
                        DOCUMENT_NODE, "Een dossier mag geen gegevens uit de categorie \"Cijferlijsten\" bevatten wanneer deze categorie is verboden."),
                new Rule("OS.cat11 Eindtoets bo VERBODEN (SWV)", VOSWV_19, SWV,
                        setText("/od:dossier/od:metadata/od:categorie_uitlevering/od:cat_eindtoetsbo", "VERBODEN"),
                        DOCUMENT_NODE, "Een dossier mag geen gegevens uit de categorie \"Eindtoets bo\" bevatten wanneer deze categorie is verboden."),
                // ---- overstapdossier: required per transfer type ----
                new Rule("OVa.MD03", POPO_19, OVERSTAP,
                        remove("/od:dossier/od:metadata/od:categorie_uitlevering"),
                        "/dossier[1]/metadata[1]", "Een overstapdossier moet het blok \"Categorie uitlevering\" bevatten."),
                new Rule("OVa.AI01 (POPO)", POPO_19, OVERSTAP,
                        remove("/od:dossier/od:huidigeschool/od:leerling/od:aansprakelijkeinstelling"),
                        LEERLING, "Aansprakelijke instelling is verplicht in een POPO-overstapdossier als de verzorgers niet aansprakelijk zijn."),
                new Rule("OVa.LL13 (POVO)", POVO_19, OVERSTAP,
                        remove("/od:dossier/od:huidigeschool/od:leerling/od:leerlingid"),
                        LEERLING, "De code van de leerling in de schooladministratie is verplicht in een POVO-overstapdossier."),
                new Rule("OVa.IZ05 (VOVO toestemming)", VOVO_19, OVERSTAP,
                        remove("/od:dossier/od:inzage/od:toestemming"),
                        "/dossier[1]/inzage[1]", "Het veld 'Toestemming' is verplicht bij een VOVO-overstap."),
                // ---- overdracht binnen BRIN ----
                new Rule("OVb.MD03", BB_19, BINNEN_BRIN,
                        remove("/od:dossier/od:metadata/od:categorie_uitlevering"),
                        "/dossier[1]/metadata[1]", "Een binnen-brin dossier moet het blok \"Categorie uitlevering\" bevatten."),
                new Rule("OVb.LL02", BB_19, BINNEN_BRIN,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:adresgeheim", "true"),
                        LEERLING, "Indien een adres van leerling geheim, is ieder leerlingadres in overdracht-binnen-brin verboden."),
                new Rule("OVb.LL04", BB_19, BINNEN_BRIN,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:communicatielijst/od:communicatie[1]/od:nummer", "0612345678"),
                        LEERLING + "/communicatielijst[1]/communicatie[1]",
                        "In een overdracht-binnen-brin is geheime communicatieinfo over telefoon verplicht middels de geheimwaarde \"9999999999\"."),
                // ---- swv-dossier (PaO) ----
                new Rule("PaO.SO02", POSWV_19, SWV,
                        setText("/od:dossier/od:metadata/od:overstap", "POPO"),
                        "/dossier[1]/metadata[1]", "Het veld 'Soort overstap/dossier' heeft waarde \"POSWV\" of \"VOSWV\" binnen een SWV-dossier."),
                new Rule("PaO.VV03", POSWV_19, SWV,
                        setText("/od:dossier/od:metadata/od:overstap", "VOSWV"),
                        LEERLING, "Voorschools is niet toegestaan in een VO SWV-dossier."),
                new Rule("PaO.EB01", VOSWV_19, SWV,
                        setText("/od:dossier/od:metadata/od:overstap", "POSWV"),
                        LEERLING, "Het blok \"Eindtoets basisonderwijs\" is niet toegestaan in een PO SWV-dossier."),
                // ---- 2017.1 ----
                new Rule("codelijst 14 Geslacht (2017.1)", VOVO_17, OVERSTAP,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:geslacht", "9"),
                        LEERLING + "/geslacht[1]", "Het veld 'Geslacht' bevat een waarde die niet voorkomt in codelijst 14."),
                new Rule("OVa.MD02 (2017.1: validatieversie 2017.1.2)", VOVO_17, OVERSTAP,
                        setText("/od:dossier/od:metadata/od:validatieversie", "2017.1.1"),
                        "/dossier[1]/metadata[1]", "De validatieversie is niet correct voor deze versie van de validatie XSLT."),
                // 2017.1 says "VOVO" in its POVO message (corrected in the 2018 release); the row pins the official 2017.1 text.
                new Rule("OVa.AI01 (POVO, 2017.1)", POVO_17, OVERSTAP,
                        remove("/od:dossier/od:huidigeschool/od:leerling/od:aansprakelijkeinstelling"),
                        LEERLING, "Aansprakelijke instelling is verplicht in een VOVO-overstapdossier als de verzorgers niet aansprakelijk zijn."),
                new Rule("OVa.IZ05 (VOVO toestemming, 2017.1)", VOVO_17, OVERSTAP,
                        remove("/od:dossier/od:inzage/od:toestemming"),
                        "/dossier[1]/inzage[1]", "Het veld 'Toestemming' is verplicht bij een VOVO-overstap."),
                new Rule("OVb.LL04 (2017.1)", BB_17, BINNEN_BRIN,
                        setText("/od:dossier/od:huidigeschool/od:leerling/od:communicatielijst/od:communicatie[od:geheim='true' and od:soort='telefoon'][1]/od:nummer", "0612345678"),
                        LEERLING + "/communicatielijst[1]/communicatie[1]",
                        "In een overdracht-binnen-brin is geheime communicatieinfo over telefoon verplicht middels de geheimwaarde \"9999999999\"."),
                new Rule("PaO.LL12 (2017.1)", POSWV_17, SWV,
                        uncomment("<onderwijsnummer>101211151</onderwijsnummer>"),
                        LEERLING, "BSN of onderwijsnummer is verboden bij een leerling in een SWV-dossier."));
    }

    private static SchemaCatalog catalog;

    /** Compiled once for the class (the official files are needed; tests are skipped without them). */
    private static synchronized SchemaCatalog catalog() {
        Path dir = OfficialFiles.require();
        if (catalog == null) {
            catalog = SchemaCatalog.load(List.of(dir.resolve("2019.1"), dir.resolve("2017.1")), false);
        }
        return catalog;
    }

    static Stream<String> examplesUsedByTheTable() {
        return rules().map(Rule::example).distinct();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesUsedByTheTable")
    void unmutatedExampleIsSchemaValidAndPassesItsRules(String example) {
        byte[] xml = read(example);
        Document doc = SecureXml.parse(xml);
        String ns = doc.getDocumentElement().getNamespaceURI();
        String soort = overdrachtsoort(doc);

        assertThatCode(() -> catalog().validate(ns, xml)).doesNotThrowAnyException();
        assertThat(catalog().find(ns).orElseThrow().rules()).as("rules registered for " + soort).containsKey(soort);
        List<Melding> meldingen = catalog().checkRules(ns, soort, xml);
        assertThat(meldingen).as("meldingen of the unmutated example").noneMatch(Melding::isError);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void mutatedExampleBreaksTheRule(Rule rule) {
        byte[] original = read(rule.example());
        Document originalDoc = SecureXml.parse(original);
        String ns = originalDoc.getDocumentElement().getNamespaceURI();
        assertThat(overdrachtsoort(originalDoc)).as("overdrachtsoort of " + rule.example()).isEqualTo(rule.overdrachtsoort());

        byte[] mutated = rule.mutation().apply(original);

        assertThatCode(() -> catalog().validate(ns, mutated)).as("the mutation must keep the dossier schema-valid")
                .doesNotThrowAnyException();
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> catalog().checkRules(ns, rule.overdrachtsoort(), mutated));
        assertThat(e).as("checkRules must reject the mutated dossier").isNotNull();
        assertThat(e.code()).isEqualTo(GatewayErrorCode.BUSINESS_RULE_VIOLATION);
        assertThat(e.getMessage()).contains(rule.version()).contains(rule.overdrachtsoort());
        assertThat(e.violations())
                .as("violations (location, message)")
                .anySatisfy(v -> {
                    assertThat(v.location()).isEqualTo(rule.location());
                    assertThat(v.message()).contains(rule.text());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theTreeBuiltWhileReadingGivesTheMeldingenOfTheBytes(Rule rule) throws Exception {
        byte[] mutated = rule.mutation().apply(read(rule.example()));
        String ns = SecureXml.parse(mutated).getDocumentElement().getNamespaceURI();
        BusinessRules rules = catalog().find(ns).orElseThrow().rules().get(rule.overdrachtsoort());
        List<Melding> fromBytes = rules.run(mutated);
        assertThat(fromBytes).anyMatch(Melding::isError);
        assertThat(rules.run(treeWhileReading(ns, mutated))).isEqualTo(fromBytes);
    }

    @Test
    void theTreeBuiltWhileReadingGivesTheMeldingenOfTheBytesForEveryOfficialExample() throws Exception {
        for (Path example : OfficialFiles.examples()) {
            byte[] xml = Files.readAllBytes(example);
            Document doc = SecureXml.parse(xml);
            String ns = doc.getDocumentElement().getNamespaceURI();
            BusinessRules rules = catalog().find(ns).orElseThrow().rules().get(overdrachtsoort(doc));
            assertThat(rules.run(treeWhileReading(ns, xml))).as(example.toString()).isEqualTo(rules.run(xml));
        }
    }

    /** Streams the dossier as the intake does (canonicalizer + XSD validation + rules' tree) and returns the tree. */
    private static XdmNode treeWhileReading(String ns, byte[] dossier) throws Exception {
        XMLStreamReader reader = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(dossier));
        reader.nextTag();
        StreamedValidation validation = catalog().streamedValidation(ns, true).orElseThrow();
        StreamingCanonicalizer.canonicalize(reader, null, validation);
        validation.requireValid();
        return validation.rulesInput();
    }

    @Test
    void everyOfficialExamplePassesTheRulesOfItsOwnOverdrachtsoort() throws IOException {
        List<Path> examples = OfficialFiles.examples();
        assertThat(examples).hasSize(24);
        List<String> soorten = new ArrayList<>();
        for (Path example : examples) {
            byte[] xml = Files.readAllBytes(example);
            Document doc = SecureXml.parse(xml);
            String ns = doc.getDocumentElement().getNamespaceURI();
            String soort = overdrachtsoort(doc);
            soorten.add(soort);
            assertThat(catalog().find(ns).orElseThrow().rules()).as(example + ": rules for " + soort).containsKey(soort);
            List<Melding> meldingen = catalog().checkRules(ns, soort, xml);
            assertThat(meldingen).as(example.toString()).noneMatch(Melding::isError);
        }
        assertThat(soorten).contains(OVERSTAP, BINNEN_BRIN, SWV);
    }

    @Test
    void compiledRulesGiveTheSameResultOnFourThreads() throws Exception {
        String ns = TestFiles.NS_2019;
        byte[] povo = read(POVO_19);
        // A variant with several Fout meldingen, so the comparison is not only of empty results.
        byte[] broken = setText("/od:dossier/od:metadata/od:categorie_uitlevering/od:cat_toetsresultaten", "VERBODEN")
                .apply(remove("/od:dossier/od:huidigeschool/od:leerling/od:leerlingid")
                        .apply(setText("/od:dossier/od:huidigeschool/od:leerling/od:geslacht", "9").apply(povo)));
        List<Melding> expectedClean = catalog().checkRules(ns, OVERSTAP, povo);
        List<Violation> expectedBroken = violations(ns, broken);
        assertThat(expectedClean).noneMatch(Melding::isError);
        assertThat(expectedBroken).hasSize(3);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<Integer> task = () -> {
                    int mismatches = 0;
                    for (int i = 0; i < 25; i++) {
                        byte[] input = i % 2 == 0 ? povo : broken;
                        boolean same = input == povo ? catalog().checkRules(ns, OVERSTAP, input).equals(expectedClean)
                                : violations(ns, input).equals(expectedBroken);
                        if (!same) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                };
                futures.add(pool.submit(task));
            }
            for (Future<Integer> f : futures) {
                assertThat(f.get()).as("runs that differed from the single-threaded result").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void printsRulesThroughputOnThePovoExample() {
        String ns = TestFiles.NS_2019;
        byte[] povo = read(POVO_19);
        for (int i = 0; i < 20; i++) {
            catalog().checkRules(ns, OVERSTAP, povo); // warm-up
        }
        int runs = 100;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            catalog().checkRules(ns, OVERSTAP, povo);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Business rules on %s (%d bytes), single-threaded: %.1f runs/s (%.2f ms/run)%n",
                POVO_19, povo.length, runs / seconds, seconds * 1000 / runs);
    }

    private static List<Violation> violations(String ns, byte[] xml) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> catalog().checkRules(ns, OVERSTAP, xml));
        return e == null ? List.of() : e.violations();
    }

    private static String overdrachtsoort(Document doc) {
        return doc.getElementsByTagNameNS(doc.getDocumentElement().getNamespaceURI(), "overdrachtsoort").item(0)
                .getTextContent().trim();
    }

    private static byte[] read(String example) {
        return TestFiles.read(OfficialFiles.require().resolve(example));
    }
}
