package dev.integrator.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractOperation;
import dev.integrator.http.UpstreamResponse;
import dev.integrator.json.Json;
import dev.integrator.normalize.sample.Customer;
import dev.integrator.normalize.sample.Payment;
import dev.integrator.normalize.sample.PaymentList;
import dev.integrator.normalize.sample.PaymentPage;
import dev.integrator.normalize.sample.Shipment;
import dev.integrator.normalize.sample.ShipmentState;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each conversion of a declared mapping, on the values a contract lets through, and the declarations refused at start. */
class DeclaredMappingsTest {

    private static final String PAYMENT = String.join("\n",
            "Payment:",
            "  id: {read: /id, as: string}",
            "  amount: {read: /amount, as: long}",
            "  attempts: {read: /attempts, as: int}",
            "  captured: {read: /captured, as: bool}",
            "  created: {read: /created, as: instant}",
            "  settledAt: {read: \"/settled_at?\", as: instant}",
            "  note: {read: /note, as: string}",
            "  customer: {read: \"/customer?\", as: Customer}",
            "  tags: {read: \"/tags?/*/name\", as: names}",
            "  refunded: {read: /refund, as: present}",
            "  legacyCode: {as: none}",
            "Customer:",
            "  email: {read: /email, as: string}",
            "");

    private final List<String> problems = new ArrayList<>();

    @Test
    void every_conversion_reads_its_value_into_the_record() {
        Object dto = map("Payment", PAYMENT, """
                {"id": "pay_1", "amount": 12345678901, "attempts": 3, "captured": true, "created": 1764150000,
                 "settled_at": "2026-11-26T10:00:00Z", "note": "first", "customer": {"email": "a@example.com"},
                 "tags": [{"name": "vip"}, "web"], "refund": {"id": "re_1"}, "ignored": [1, 2]}""");

        assertThat(dto).isEqualTo(new Payment("pay_1", 12345678901L, 3, true, Instant.ofEpochSecond(1764150000),
                Instant.parse("2026-11-26T10:00:00Z"), "first", new Customer("a@example.com"), List.of("vip", "web"), true, null));
    }

    @Test
    void a_null_where_the_contract_allows_it_gives_null_and_an_empty_list() {
        Object dto = map("Payment", PAYMENT, """
                {"id": "pay_2", "amount": 0, "attempts": 0, "captured": false, "created": "2026-11-26T10:00:00+01:00",
                 "settled_at": null, "note": null, "customer": null, "tags": null, "refund": null}""");

        assertThat(dto).isEqualTo(new Payment("pay_2", 0, 0, false, Instant.parse("2026-11-26T09:00:00Z"), null, null, null,
                List.of(), false, null));
    }

    @Test
    void an_absent_optional_key_gives_null_an_empty_list_and_not_present() {
        Object dto = map("Payment", PAYMENT, """
                {"id": "pay_3", "amount": 5, "attempts": 1, "captured": true, "created": 0, "note": "n"}""");

        assertThat(dto).isEqualTo(new Payment("pay_3", 5, 1, true, Instant.EPOCH, null, "n", null, List.of(), false, null));
    }

    @Test
    void a_null_for_a_primitive_component_is_an_error_not_a_zero() {
        DtoMapping mapping = compile("Payment", PAYMENT);
        JsonNode body = json("{\"id\": \"pay_4\", \"amount\": null, \"attempts\": 1, \"captured\": true, \"created\": 0}");

        assertThatThrownBy(() -> mapping.normalizer().normalize(body, response(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no value at '/amount' for long amount");
    }

    @Test
    void a_list_of_records_and_a_cursor_from_the_last_item_while_there_is_more() {
        String list = PAYMENT + "PaymentList:\n  items: {read: /data, as: list of Payment}\n"
                + "  startingAfter: {as: cursor, read: /data/*/id, when: /has_more}\n";
        String item = "{\"id\": \"%s\", \"amount\": 1, \"attempts\": 1, \"captured\": true, \"created\": 0, \"note\": null}";
        String two = "[" + item.formatted("pay_a") + ", " + item.formatted("pay_b") + "]";

        PaymentList more = (PaymentList) map("PaymentList", list, "{\"has_more\": true, \"data\": " + two + "}");
        PaymentList last = (PaymentList) map("PaymentList", list, "{\"has_more\": false, \"data\": " + two + "}");
        PaymentList empty = (PaymentList) map("PaymentList", list, "{\"has_more\": true, \"data\": []}");

        assertThat(more.items()).extracting(Payment::id).containsExactly("pay_a", "pay_b");
        assertThat(more.startingAfter()).isEqualTo("pay_b");
        assertThat(last.startingAfter()).isNull();
        assertThat(empty.items()).isEmpty();
        assertThat(empty.startingAfter()).isNull();
    }

    @Test
    void a_cursor_from_a_body_field_is_null_on_the_last_page() {
        String list = PAYMENT + "PaymentList:\n  items: {read: /data, as: list of Payment}\n"
                + "  startingAfter: {as: cursor, read: /next_page}\n";

        assertThat(((PaymentList) map("PaymentList", list, "{\"data\": [], \"next_page\": \"page_2\"}")).startingAfter()).isEqualTo("page_2");
        assertThat(((PaymentList) map("PaymentList", list, "{\"data\": [], \"next_page\": null}")).startingAfter()).isNull();
    }

    @Test
    void a_cursor_from_a_link_header_is_the_page_number_of_the_next_relation() {
        String page = PAYMENT + "PaymentPage:\n  items: {read: \"\", as: list of Payment}\n"
                + "  nextPage: {as: cursor, header: Link, rel: next, param: page}\n";
        DtoMapping mapping = compile("PaymentPage", page);
        JsonNode body = json("[]");

        PaymentPage next = (PaymentPage) mapping.normalizer().normalize(body, response(Map.of("Link",
                "<https://api.example.com/payments?per_page=2&page=3>; rel=\"next\", <https://api.example.com/payments?page=9>; rel=\"last\"")));
        PaymentPage lastPage = (PaymentPage) mapping.normalizer().normalize(body, response(Map.of("Link",
                "<https://api.example.com/payments?page=1>; rel=\"first\"")));
        PaymentPage notANumber = (PaymentPage) mapping.normalizer().normalize(body, response(Map.of("Link",
                "<https://api.example.com/payments?page=x>; rel=\"next\"")));
        PaymentPage noHeader = (PaymentPage) mapping.normalizer().normalize(body, response(Map.of()));

        assertThat(next.nextPage()).isEqualTo(3);
        assertThat(lastPage.nextPage()).isNull();
        assertThat(notANumber.nextPage()).isNull();
        assertThat(noHeader.nextPage()).isNull();
    }

    @Test
    void a_cursor_from_a_plain_header_is_its_value_and_null_without_it() {
        String list = PAYMENT + "PaymentList:\n  items: {read: /data, as: list of Payment}\n"
                + "  startingAfter: {as: cursor, header: X-Next-Cursor}\n";
        DtoMapping mapping = compile("PaymentList", list);
        JsonNode body = json("{\"data\": []}");

        PaymentList next = (PaymentList) mapping.normalizer().normalize(body, response(Map.of("X-Next-Cursor", "c_42")));
        PaymentList last = (PaymentList) mapping.normalizer().normalize(body, response(Map.of()));

        assertThat(next.startingAfter()).isEqualTo("c_42");
        assertThat(last.startingAfter()).isNull();
    }

    @Test
    void the_reads_name_every_field_with_those_that_may_be_absent_marked_and_the_types_a_conversion_takes() {
        String list = PAYMENT + "PaymentList:\n  items: {read: /data, as: list of Payment}\n"
                + "  startingAfter: {as: cursor, read: /data/*/id, when: /has_more}\n";

        assertThat(compile("Payment", PAYMENT).reads()).containsExactlyInAnyOrder("/id", "/amount", "/attempts", "/captured",
                "/created", "/settled_at?", "/note", "/customer?", "/customer/email", "/tags?", "/tags/*", "/tags/*/name", "/refund?");
        assertThat(compile("PaymentList", list).reads()).contains("/data", "/data/*", "/data/*/id", "/data/*/customer/email",
                "/has_more");
        assertThat(compile("Payment", PAYMENT).types()).containsEntry("/amount", Set.of("integer"))
                .containsEntry("/note", Set.of("string", "null")).containsEntry("/created", Set.of("string", "integer", "null"))
                .containsEntry("/customer", Set.of("object", "null")).containsEntry("/customer/email", Set.of("string", "null"))
                .doesNotContainKeys("/refund", "/tags");
        assertThat(compile("PaymentList", list).types()).containsEntry("/data/*/amount", Set.of("integer"))
                .containsEntry("/has_more", Set.of("boolean", "null"));
    }

    @Test
    void a_component_without_a_source_is_refused() {
        compile("Payment", PAYMENT.replace("  legacyCode: {as: none}\n", ""));

        assertThat(problems).containsExactly(
                "contracts/sample.payments.v1.yaml: mappings.Payment.legacyCode: component has no source; declare its read and"
                        + " conversion (as: none if this version does not provide it)");
    }

    @Test
    void every_declaration_that_does_not_fit_its_record_is_listed_together() {
        compile("Payment", PAYMENT
                .replace("amount: {read: /amount, as: long}", "amount: {read: /amount, as: string}")
                .replace("attempts: {read: /attempts, as: int}", "attempts: {read: attempts, as: int}")
                .replace("note: {read: /note, as: string}", "note: {read: /note, as: money}")
                .replace("captured: {read: /captured, as: bool}", "captured: {read: /captured, as: bool, header: X-Captured}")
                .replace("tags: {read: \"/tags?/*/name\", as: names}", "tags: {read: /tags, as: names}")
                .replace("legacyCode: {as: none}", "legacyCode: {as: none}\n  amountCents: {read: /amount, as: long}"));

        assertThat(String.join("\n", problems))
                .contains("mappings.Payment.amount: conversion 'string' cannot fill long amount")
                .contains("mappings.Payment.attempts: read must be a JSON Pointer starting with '/'")
                .contains("mappings.Payment.note: as must be one of string, int, long, bool, instant, enum, names, present, cursor, none,"
                        + " list of <record> or <record>, but was 'money'")
                .contains("mappings.Payment.tags: names reads the items of an array: its read needs a '*'")
                .contains("mappings.Payment.captured: header belongs to a cursor, not to conversion 'bool'")
                .contains("mappings.Payment.amountCents: dev.integrator.normalize.sample.Payment has no component amountCents");
    }

    @Test
    void an_enum_reads_the_providers_text_and_a_value_it_does_not_know_as_unknown() {
        String shipment = "Shipment:\n  id: {read: /id, as: string}\n  state: {read: /state, as: enum}\n";

        assertThat(map("Shipment", shipment, "{\"id\": \"s1\", \"state\": \"in_transit\"}"))
                .isEqualTo(new Shipment("s1", ShipmentState.IN_TRANSIT));
        assertThat(map("Shipment", shipment, "{\"id\": \"s2\", \"state\": \"lost_at_sea\"}"))
                .isEqualTo(new Shipment("s2", ShipmentState.UNKNOWN));
        assertThat(map("Shipment", shipment, "{\"id\": \"s3\", \"state\": null}")).isEqualTo(new Shipment("s3", null));
        assertThat(compile("Shipment", shipment).types()).containsEntry("/state", Set.of("string", "null"));
    }

    @Test
    void an_enum_without_an_unknown_constant_is_refused_at_start() {
        compile("Parcel", "Parcel:\n  day: {read: /day, as: enum}\n");

        assertThat(problems).containsExactly("contracts/sample.payments.v1.yaml: mappings.Parcel.day: conversion 'enum' cannot fill"
                + " java.time.DayOfWeek day: it needs a constant UNKNOWN for the values a provider adds later");
    }

    @Test
    void a_dto_that_is_not_a_record_of_the_package_is_refused() {
        compile("Invoice", "Invoice:\n  id: {read: /id, as: string}\n");

        assertThat(problems).containsExactly(
                "contracts/sample.payments.v1.yaml: mappings.Invoice: no record Invoice in package dev.integrator.normalize.sample");
    }

    private Object map(String dto, String mappings, String body) {
        return compile(dto, mappings).normalizer().normalize(json(body), response(Map.of()));
    }

    private DtoMapping compile(String dto, String mappings) {
        DtoMapping mapping = DeclaredMappings.of(contract(dto, mappings), problems).get("sample.payments.v1.get");
        if (problems.isEmpty()) {
            assertThat(mapping).as("mapping of %s", dto).isNotNull();
        }
        return mapping;
    }

    static Contract contract(String dto, String mappings) {
        ContractOperation op = new ContractOperation("sample.payments.v1", "get", "payments/get", dto, Map.of(), 200, null, null, null);
        return new Contract("sample.payments.v1", "sample", "payments", 1, "active", Map.of(), Map.of("get", op),
                "dev.integrator.normalize.sample", json(mappings), null);
    }

    private static JsonNode json(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static UpstreamResponse response(Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new UpstreamResponse(200, all, new byte[0], URI.create("http://127.0.0.1/"));
    }
}
