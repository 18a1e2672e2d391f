package dev.integrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden tests per form rule against the reference: for the same parameters, our FormEncoder writes exactly what
 * Stripe's own Java library ({@code com.stripe.net.FormEncoder}, test scope only) writes.
 */
class StripeFormGoldenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain values                | {"amount": 2000, "currency": "usd", "description": "a & b = c/d +1"}
            nested map                  | {"metadata": {"order_id": "6735", "note": "x y"}}
            list                        | {"expand": ["customer", "invoice.subscription"]}
            booleans                    | {"capture": false, "confirm": true}
            empty value unsets          | {"description": "", "metadata": {"old": ""}}
            empty list unsets           | {"expand": []}
            empty map unsets            | {"metadata": {}}
            nested list of maps         | {"items": [{"price": "price_1", "quantity": 2}, {"price": "price_2", "tax_rates": ["txr_1", "txr_2"]}]}
            map in a map                | {"automatic_payment_methods": {"enabled": true}, "shipping": {"address": {"line1": "1 Main St", "city": "Paris"}}}
            list in a list              | {"matrix": [["a", "b"], ["c"]]}
            brackets and non-ASCII      | {"metadata": {"a&b": "[x]", "café": "é", "key[0]": "v"}}
            long amounts                | {"amount": 99999999999}
            null unsets                 | {"coupon": null, "metadata": {"old": null}}
            """)
    void our_form_is_what_stripe_java_writes(String rule, String json) throws Exception {
        JsonNode params = Json.MAPPER.readTree(json);
        Map<String, Object> map = Json.MAPPER.convertValue(params, new TypeReference<LinkedHashMap<String, Object>>() { });

        assertThat(FormEncoder.encode(params)).as(rule).isEqualTo(com.stripe.net.FormEncoder.createQueryString(map));
    }
}
