package dev.integrator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.Home;
import dev.integrator.contract.Contract;
import dev.integrator.contract.EventContract;
import dev.integrator.fixture.EventFixture;
import dev.integrator.fixture.EventFixtures;
import dev.integrator.json.Json;
import dev.integrator.provider.ProviderLoader;
import dev.integrator.webhook.WebhookSettings;
import dev.integrator.webhook.event.EventCatalog;
import dev.integrator.webhook.ingress.WebhookIngress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The event contracts' part of {@code integrator verify}: they load, every version has its good and bad fixtures,
 * a good fixture normalizes to its golden DTO and a bad one is drift at the pointer it names.
 */
final class EventChecks {

    private EventChecks() {
    }

    /** Checks the event contracts and fixtures; returns the contracts as their one-operation views for the reads check.
     * */
    static Map<String, Contract> check(Home home, List<String> problems) {
        EventCatalog catalog = EventCatalog.load(home.contracts(), problems);
        // Problems of the settings themselves are the integrator's to report; here only what they ask of the contracts.
        Map<String, WebhookSettings> receiving = new LinkedHashMap<>();
        ProviderLoader.loadAll(home.routes(), Map.of(), Map.of(), new ArrayList<>()).values().stream().filter(c
                -> c.webhooks() != null)
                .forEach(c -> receiving.put(c.provider(), c.webhooks()));
        problems.addAll(WebhookIngress.missingContracts(receiving, catalog));
        List<EventFixture> fixtures = EventFixtures.loadAll(home.fixtures(), problems);
        Map<String, List<EventFixture>> byContract = fixtures.stream()
                .collect(Collectors.groupingBy(EventFixture::contract, TreeMap::new, Collectors.toList()));
        byContract.forEach((id, list) -> {
            EventContract contract = catalog.all().get(id);
            if (contract == null) {
                problems.add("fixtures/" + id + ": no event contract " + id);
                return;
            }
            list.forEach(f -> replay(catalog, contract, f, problems));
        });
        Map<String, Contract> views = new LinkedHashMap<>();
        for (EventContract c : catalog.all().values()) {
            views.put(c.id(), c.asContract());
            List<EventFixture> list = byContract.getOrDefault(c.id(), List.of());
            long good = list.stream().filter(EventFixture::good).count();
            if (good < Verifier.MIN_GOOD || list.size() - good < Verifier.MIN_BAD) {
                problems.add("fixtures/" + c.id() + ": " + good + " good and " + (list.size() - good)
                        + " bad fixtures; every contract "
                        + "version needs at least " + Verifier.MIN_GOOD + " good and " + Verifier.MIN_BAD + " bad");
            }
        }
        return views;
    }

    private static void replay(EventCatalog catalog, EventContract contract, EventFixture f, List<String> problems) {
        if (!f.event().equals(contract.event())) {
            problems.add("fixtures/" + f.name() + ": event " + f.event() + " is not the contract's (" + contract.event()
                    + ")");
            return;
        }
        EventCatalog.Reading reading = catalog.read(contract, f.payload());
        if (f.good()) {
            if (reading.drift()) {
                problems.add("fixtures/" + f.name() + ": expected the golden DTO, got drift " + reading.violations());
                return;
            }
            JsonNode actual = Json.MAPPER.valueToTree(reading.dto());
            if (!actual.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                    : x.equals(y) ? 0 : 1,
                    f.dto())) {
                problems.add("fixtures/" + f.name() + ": DTO differs from the golden one:\n  expected " + f.dto()
                        + "\n  actual   " + actual);
            }
        } else if (reading.violations().stream().noneMatch(v -> v.path().equals(f.violation()))) {
            problems.add("fixtures/" + f.name() + ": expected drift at " + f.violation() + ", got "
                    + (reading.drift() ? reading.violations() : "a DTO"));
        }
    }
}
