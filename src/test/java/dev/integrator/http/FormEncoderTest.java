package dev.integrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.json.Json;
import org.junit.jupiter.api.Test;

/** Stripe's form rules, one golden string per rule, as stripe-java's FormEncoder writes them. */
class FormEncoderTest {

    private static String form(String json) throws Exception {
        return FormEncoder.encode(Json.MAPPER.readTree(json));
    }

    @Test
    void plain_fields_are_url_encoded_with_spaces_as_plus() throws Exception {
        assertThat(form("{\"amount\": 2000, \"currency\": \"usd\", \"description\": \"a & b = c/d\"}"))
                .isEqualTo("amount=2000&currency=usd&description=a+%26+b+%3D+c%2Fd");
    }

    @Test
    void a_nested_map_is_written_as_bracketed_keys() throws Exception {
        assertThat(form("{\"metadata\": {\"order_id\": \"6735\", \"note\": \"x y\"}}"))
                .isEqualTo("metadata[order_id]=6735&metadata[note]=x+y");
    }

    @Test
    void a_list_is_written_with_indexes() throws Exception {
        assertThat(form("{\"expand\": [\"customer\", \"invoice.subscription\"]}"))
                .isEqualTo("expand[0]=customer&expand[1]=invoice.subscription");
    }

    @Test
    void a_list_of_maps_nests_both() throws Exception {
        assertThat(form("{\"items\": [{\"price\": \"price_1\", \"quantity\": 2}, {\"price\": \"price_2\"}]}"))
                .isEqualTo("items[0][price]=price_1&items[0][quantity]=2&items[1][price]=price_2");
    }

    @Test
    void booleans_are_true_and_false() throws Exception {
        assertThat(form("{\"capture\": false, \"confirm\": true}")).isEqualTo("capture=false&confirm=true");
    }

    @Test
    void an_empty_value_unsets_a_field() throws Exception {
        assertThat(form("{\"description\": \"\", \"metadata\": {\"old\": \"\"}, \"expand\": [], \"coupon\": null}"))
                .isEqualTo("description=&metadata[old]=&expand=&coupon=");
    }

    @Test
    void brackets_stay_literal_and_other_characters_are_encoded_in_keys_and_values() throws Exception {
        assertThat(form("{\"metadata\": {\"a&b\": \"[x]\", \"caf\\u00e9\": \"\\u00e9\"}}"))
                .isEqualTo("metadata[a%26b]=[x]&metadata[caf%C3%A9]=%C3%A9");
    }
}
