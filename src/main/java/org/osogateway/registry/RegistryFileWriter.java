package org.osogateway.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes {@link RegistryData} as a registry file that {@link RegistryFileLoader} reads back to the same
 * data (round trip). Service versions are written as full namespace URIs; every text is quoted, so codes
 * made of digits keep their leading zeros.
 */
public final class RegistryFileWriter {
    private final YAMLMapper mapper = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

    public String write(RegistryData data) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode boards = root.putArray("boards");
        for (Board board : data.boards()) {
            ObjectNode b = boards.addObject().put("id", board.id()).put("name", board.name());
            ArrayNode agreements = b.putArray("agreements");
            data.agreements().stream().filter(a -> a.boardId().equals(board.id())).forEach(a -> period(agreements.addObject(), a));
        }
        ArrayNode suppliers = root.putArray("suppliers");
        data.suppliers().forEach(s -> suppliers.addObject().put("oin", s.oin()).put("name", s.name()));
        ArrayNode schools = root.putArray("schools");
        for (School school : data.schools()) {
            ObjectNode s = schools.addObject().put("brin", school.brin()).put("name", school.name())
                    .put("board", school.boardId());
            ArrayNode vestigingen = s.putArray("vestigingen");
            school.vestigingen().forEach(vestigingen::add);
            List<Mandate> mandates = data.mandates().stream().filter(m -> m.brin().equals(school.brin())).toList();
            if (!mandates.isEmpty()) {
                ArrayNode list = s.putArray("mandates");
                for (Mandate m : mandates) {
                    period(list.addObject().put("supplier", m.supplierOin()).put("serviceVersion", m.serviceVersion()), m);
                }
            }
            List<Endpoint> endpoints = data.endpoints().stream().filter(e -> e.brin().equals(school.brin())).toList();
            if (!endpoints.isEmpty()) {
                ArrayNode list = s.putArray("endpoints");
                for (Endpoint e : endpoints) {
                    ObjectNode n = list.addObject().put("routeringskenmerk", e.routeringskenmerk());
                    if (e.vestiging() != null) {
                        n.put("vestiging", e.vestiging());
                    }
                    n.put("supplier", e.supplierOin()).put("serviceVersion", e.serviceVersion()).put("url", e.url());
                    period(n, e);
                    if (!e.services().equals(Endpoint.DEFAULT_SERVICES)) {
                        ArrayNode services = n.putArray("services");
                        new TreeSet<>(e.services()).forEach(services::add);
                    }
                }
            }
        }
        try {
            return "# OSO gateway routing registry (exported; load with 'registry import' or gateway.registry.file)\n"
                    + mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void period(ObjectNode node, ValidityPeriod period) {
        node.put("validFrom", period.validFrom().toString());
        if (period.validTo() != null) {
            node.put("validTo", period.validTo().toString());
        }
    }
}
