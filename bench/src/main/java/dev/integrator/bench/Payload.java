package dev.integrator.bench;

import java.nio.charset.StandardCharsets;

/**
 * The three response bodies every scenario receives: a GitHub issues list (valid for contract github.issues.v2,
 * operation list) of about 1 KB, 5 KB and 50 KB. Each issue is about 1 KB: the fields GitHub sends, with the
 * ignored {@code body_text} padded, so a bigger body means more items to parse, validate and map.
 */
public enum Payload {
    KB1("r1k", 1),
    KB5("r5k", 5),
    KB50("r50k", 50);

    /** The repository name that selects this body at the stub: {@code /repos/o/<repo>/issues}. */
    public final String repo;
    public final int items;
    private final byte[] body;

    Payload(String repo, int items) {
        this.repo = repo;
        this.items = items;
        this.body = build(items, items * 1024).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] body() {
        return body;
    }

    public String label() {
        return items + " KB";
    }

    public String path() {
        return "/repos/o/" + repo + "/issues";
    }

    static String build(int items, int targetBytes) {
        int perItem = (targetBytes - 2 - (items - 1)) / items;
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(issue(1000 + i, perItem));
        }
        return out.append(']').toString();
    }

    /** One issue of exactly {@code size} bytes (or a little more when the fields alone are longer). */
    private static String issue(int number, int size) {
        boolean closed = number % 3 == 0;
        boolean pull = number % 4 == 1;
        String head = "{\"url\":\"https://api.github.com/repos/o/r/issues/" + number + "\","
                + "\"id\":" + (2600000000L + number) + ",\"node_id\":\"I_kwDOGR8Rfs6b" + number + "\","
                + "\"number\":" + number + ",\"title\":\"Issue " + number + ": login form rejects passwords with a plus sign\","
                + "\"user\":{\"login\":\"monalisa\",\"id\":1,\"type\":\"User\",\"site_admin\":false},"
                + "\"labels\":[{\"id\":1,\"name\":\"bug\",\"color\":\"d73a4a\",\"default\":true},\"ui\"],"
                + "\"state\":\"" + (closed ? "closed" : "open") + "\",\"state_reason\":" + (closed ? "\"completed\"" : "null") + ","
                + "\"locked\":false,\"assignees\":[{\"login\":\"octocat\",\"id\":2}],\"milestone\":null,\"comments\":" + (number % 7) + ","
                + "\"created_at\":\"2026-11-18T09:14:02Z\",\"updated_at\":\"2026-11-25T16:40:11Z\","
                + "\"closed_at\":" + (closed ? "\"2026-11-26T08:00:00Z\"" : "null") + ","
                + "\"author_association\":\"MEMBER\","
                + (pull ? "\"pull_request\":{\"url\":\"https://api.github.com/repos/o/r/pulls/" + number + "\",\"merged_at\":null}," : "")
                + "\"body\":\"Steps to reproduce: open /login, enter a password with a plus sign, submit.\","
                + "\"html_url\":\"https://github.com/o/r/issues/" + number + "\","
                + "\"body_text\":\"";
        String tail = "\"}";
        int pad = Math.max(0, size - head.length() - tail.length());
        return head + "x".repeat(pad) + tail;
    }
}
