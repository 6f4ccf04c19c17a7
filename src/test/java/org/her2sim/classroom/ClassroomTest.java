package org.her2sim.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.her2sim.experiment.Lesson;
import org.her2sim.experiment.SingleRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The classroom's server through its HTTP API, as a page uses it: joining, validation, a
 * tumour run to its escape (the same numbers as the headless lesson), drugs given by hand, the
 * teacher's table and CSV, limits, idle tumours, and that no file outside the pages is served.
 * The clock is the test's, and the class is stepped by hand, so every run here is exact.
 */
class ClassroomTest {
    static final Path LESSONS = Path.of("configs/lessons");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final HttpClient http = HttpClient.newHttpClient();
    private Classroom room;
    private ClassroomServer server;

    private void open(Classroom.Limits limits) {
        room = new Classroom(LESSONS, "JOIN1", "TEACH1", limits, clock::get, false);
        server = new ClassroomServer(room, "127.0.0.1", 0);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private record Reply(int status, JsonNode json, String body, String cookie) {
        String error() {
            return json.path("error").asText();
        }
    }

    private Reply call(String method, String path, String body, String cookie) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String set = r.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(null);
        JsonNode json = r.body().startsWith("{") ? JSON.readTree(r.body()) : JSON.createObjectNode();
        return new Reply(r.statusCode(), json, r.body(), set);
    }

    private String join(String name) throws IOException, InterruptedException {
        Reply r = call("POST", "/api/join", "{\"name\":\"" + name + "\",\"code\":\"join1\"}", null);
        assertEquals(200, r.status(), r.body());
        return r.cookie();
    }

    private String tumour(String cookie, String lesson, boolean classTumour) throws IOException, InterruptedException {
        Reply r = call("POST", "/api/tumours", "{\"lesson\":\"" + lesson + "\",\"classTumour\":" + classTumour + "}", cookie);
        assertEquals(200, r.status(), r.body());
        return r.json().get("id").asText();
    }

    /** Steps the class a second of wall time at a time until the tumour has progressed or ended. */
    private Outcome runToProgression(ClassTumour t) {
        for (int i = 0; i < 10_000 && t.outcome().progressionDay() == null && t.status() == ClassTumour.Status.RUNNING; i++) {
            clock.addAndGet(1000);
            room.tick();
        }
        return t.outcome();
    }

    @Test
    void everyInputIsCheckedAndRefusalsSayWhatWasExpected() throws Exception {
        open(Classroom.Limits.DEFAULT);
        Reply wrong = call("POST", "/api/join", "{\"name\":\"Ana\",\"code\":\"nope\"}", null);
        assertEquals(403, wrong.status());
        assertTrue(wrong.error().contains("join code"), wrong.error());
        Reply script = call("POST", "/api/join", "{\"name\":\"<script>\",\"code\":\"JOIN1\"}", null);
        assertEquals(400, script.status());
        assertTrue(script.error().startsWith("name: expected"), script.error());
        Reply extra = call("POST", "/api/join", "{\"name\":\"Ana\",\"code\":\"JOIN1\",\"admin\":true}", null);
        assertEquals(400, extra.status());
        assertTrue(extra.error().contains("unknown field 'admin'") && extra.error().contains("name, code"), extra.error());
        assertEquals(400, call("POST", "/api/join", "not json", null).status());
        assertEquals(401, call("GET", "/api/lessons", null, null).status());

        String ana = join("Ana");
        JsonNode lessons = call("GET", "/api/lessons", null, ana).json().get("lessons");
        assertEquals(5, lessons.size());
        assertEquals("01-p95her2", lessons.get(0).get("id").asText());
        assertEquals(List.of("trastuzumab", "lapatinib"), JSON.convertValue(lessons.get(0).get("controls").findValues("drug"), List.class));
        assertEquals(150, lessons.get(0).get("width").asInt());
        assertFalse(lessons.get(0).get("timeNote").asText().isEmpty(), "the compressed time is said");

        Reply unknown = call("POST", "/api/tumours", "{\"lesson\":\"../../pom\",\"classTumour\":true}", ana);
        assertEquals(400, unknown.status());
        assertTrue(unknown.error().contains("01-p95her2, 02-pten-pi3k"), unknown.error());
        String id = tumour(ana, "01-p95her2", true);
        Reply early = call("POST", "/api/tumours/" + id + "/play", null, ana);
        assertEquals(409, early.status());
        assertTrue(early.error().contains("prediction"), early.error());
        assertEquals(400, call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"   \"}", ana).status());
        assertEquals(400, call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"" + "x".repeat(2001) + "\"}", ana).status());
        assertEquals(400, call("POST", "/api/tumours/" + id + "/pace", "{\"daysPerSecond\":3}", ana).status());
        assertEquals(400, call("POST", "/api/tumours/" + id + "/pace", "{\"daysPerSecond\":1e9}", ana).status());
        Reply drug = call("POST", "/api/tumours/" + id + "/drugs", "{\"drugs\":[\"tamoxifen\"]}", ana);
        assertEquals(400, drug.status());
        assertTrue(drug.error().contains("trastuzumab, lapatinib"), drug.error());
        // another student cannot touch Ana's tumour
        String ben = join("Ben");
        assertEquals(404, call("POST", "/api/tumours/" + id + "/pause", null, ben).status());
    }

    @Test
    void aStudentsTumourIsTheLessonsOwnRunAndTheTeacherSeesItsEscape() throws Exception {
        open(Classroom.Limits.DEFAULT);
        String ana = join("Ana");
        String id = tumour(ana, "01-p95her2", true);
        assertEquals(200, call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"it shrinks, then p95HER2 cells regrow\"}", ana).status());
        assertEquals(200, call("POST", "/api/tumours/" + id + "/pace", "{\"daysPerSecond\":32}", ana).status());
        assertEquals("running", call("POST", "/api/tumours/" + id + "/play", null, ana).json().get("status").asText());
        ClassTumour t = room.tumour(room.student(ana.split("=")[1]), id);
        Outcome o = runToProgression(t);
        // the same model, seed and placement as the headless lesson: the same progression, exactly
        Lesson lesson = Lesson.load(LESSONS.resolve("01-p95her2.yaml"));
        var scenario = lesson.scenario(List.of(), null);
        var headless = SingleRun.simulate(scenario, scenario.config().seed());
        assertNotNull(headless.summary().progressionTimeDays(), "the lesson's tumour progresses");
        assertEquals(headless.summary().progressionTimeDays(), o.progressionDay(), 1e-9);
        assertEquals("progressed", o.result());
        assertEquals("p95her2=present", headless.summary().dominantEscape());
        assertEquals("p95her2=present", o.escape());

        Reply rewrite = call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"I knew it: day 62\"}", ana);
        assertEquals(409, rewrite.status(), "the prediction stays as written before the run");
        // a page reloaded finds the tumour again
        JsonNode me = call("GET", "/api/me", null, ana).json();
        assertEquals("Ana", me.get("name").asText());
        assertEquals(id, me.get("tumour").get("id").asText());
        assertEquals("it shrinks, then p95HER2 cells regrow", me.get("tumour").get("prediction").asText());

        // giving what is given already changes nothing (no second loading dose, no new phase)
        assertEquals(List.of("trastuzumab"), t.drugsNow());
        assertEquals(200, call("POST", "/api/tumours/" + id + "/drugs", "{\"drugs\":[\"trastuzumab\"]}", ana).status());
        assertEquals("untreated → trastuzumab", t.outcome().strategy());
        // lapatinib given by hand after the escape: the strategy says so
        assertEquals(200, call("POST", "/api/tumours/" + id + "/drugs", "{\"drugs\":[\"trastuzumab\",\"lapatinib\"]}", ana).status());
        clock.addAndGet(1000);
        room.tick();
        assertEquals("untreated → trastuzumab → by hand: trastuzumab+lapatinib", t.outcome().strategy());

        // the teacher
        assertEquals(401, call("GET", "/api/teacher/class", null, null).status());
        assertEquals(403, call("POST", "/api/teacher", "{\"code\":\"JOIN1\"}", null).status());
        Reply signIn = call("POST", "/api/teacher", "{\"code\":\"TEACH1\"}", null);
        assertEquals(200, signIn.status());
        JsonNode table = call("GET", "/api/teacher/class", null, signIn.cookie()).json();
        JsonNode row = table.get("rows").get(0);
        assertEquals("Ana", row.get("student").asText());
        assertEquals("progressed", row.get("outcome").get("result").asText());
        assertEquals(o.progressionDay(), row.get("outcome").get("progressionDay").asDouble(), 1e-9);
        assertEquals("it shrinks, then p95HER2 cells regrow", row.get("prediction").asText());
        JsonNode summary = table.get("summary").get(0);
        assertEquals(1, summary.get("tumours").asInt());
        assertEquals(1, summary.get("progressed").asInt());
        Reply csv = call("GET", "/api/teacher/class.csv", null, signIn.cookie());
        String[] lines = csv.body().split("\n");
        assertTrue(lines[0].startsWith("\uFEFFstudent,lesson,seed,class_tumour,status,result"), "a byte-order mark, so spreadsheets read "
                + "UTF-8, then the header: " + lines[0]);
        assertTrue(lines[1].startsWith("Ana,01-p95her2,101,true,running,progressed"), lines[1]);
        assertTrue(lines[1].contains(",62.0,41.0,"), "days to a tenth: " + lines[1]);
        // a student cookie is not a teacher's
        assertEquals(401, call("GET", "/api/teacher/class.csv", null, ana).status());
    }

    @Test
    void aFinishedRunRefusesCommandsAndTheCsvCannotCarryFormulas() throws Exception {
        open(Classroom.Limits.DEFAULT);
        String eve = join("Eve");
        String id = tumour(eve, "01-p95her2", true);
        call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"=HYPERLINK(\\\"http://x.example\\\")\"}", eve);
        call("POST", "/api/tumours/" + id + "/pace", "{\"daysPerSecond\":32}", eve);
        // drugs changed twice before play: only the last choice counts as the strategy
        call("POST", "/api/tumours/" + id + "/drugs", "{\"drugs\":[\"lapatinib\"]}", eve);
        call("POST", "/api/tumours/" + id + "/drugs", "{\"drugs\":[\"trastuzumab\",\"lapatinib\"]}", eve);
        call("POST", "/api/tumours/" + id + "/play", null, eve);
        ClassTumour t = room.tumour(room.student(eve.split("=")[1]), id);
        for (int i = 0; i < 1000 && t.status() != ClassTumour.Status.FINISHED; i++) {
            clock.addAndGet(1000);
            room.tick();
        }
        assertEquals(ClassTumour.Status.FINISHED, t.status());
        assertEquals("by hand: trastuzumab+lapatinib", t.outcome().strategy());
        assertEquals("cured", t.outcome().result(), "both drugs from day 0 clear lesson 1's tumour, p95HER2 cells included");
        for (String action : List.of("play", "step")) {
            Reply r = call("POST", "/api/tumours/" + id + "/" + action, null, eve);
            assertEquals(409, r.status());
            assertTrue(r.error().contains("ended"), r.error());
        }
        Reply signIn = call("POST", "/api/teacher", "{\"code\":\"teach1\"}", null);
        assertEquals(200, signIn.status(), "the teacher's code, like the join code, ignores case");
        String csv = call("GET", "/api/teacher/class.csv", null, signIn.cookie()).body();
        assertTrue(csv.contains(",\"'=HYPERLINK("), "a formula is defused: " + csv);
    }

    @Test
    void requestsAreBoundedAndAnsweredInOneLine() throws Exception {
        open(Classroom.Limits.DEFAULT);
        // a chunked body (no length given) is read no further than 16 kB
        byte[] big = ("{\"name\":\"Big\",\"code\":\"JOIN1\"" + " ".repeat(1 << 20) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/join"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        HttpResponse<String> r = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("larger than 16 kB"), r.body());
        // a charset the server does not know is not an error: the body is read as UTF-8
        HttpRequest bogus = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/join"))
                .header("Content-Type", "application/json; charset=bogus")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"José O’Brien\",\"code\":\"JOIN1\"}")).build();
        assertEquals(200, http.send(bogus, HttpResponse.BodyHandlers.ofString()).statusCode());
        // names in any script, with combining accents composed; one name per person in the class
        assertEquals(200, call("POST", "/api/join", "{\"name\":\"प्रिया\",\"code\":\"JOIN1\"}", null).status());
        Reply twice = call("POST", "/api/join", "{\"name\":\"Jose\u0301 O’Brien\",\"code\":\"JOIN1\"}", null);
        assertEquals(409, twice.status());
        assertTrue(twice.error().contains("already uses that name"), twice.error());
        assertEquals(400, call("POST", "/api/join", "{\"name\":\"-2-3\",\"code\":\"JOIN1\"}", null).status());
        Reply unknown = call("POST", "/api/tumours/x/fly", null, null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.error().startsWith("no such request"), unknown.body());
        // a refusal with 404 keeps its own words
        String jo = join("Jo");
        Reply notYours = call("POST", "/api/tumours/x/play", null, jo);
        assertEquals(404, notYours.status());
        assertTrue(notYours.error().startsWith("no such tumour of yours"), notYours.body());
        // guessing codes is slowed down
        int refused = 0;
        for (int i = 0; i < Classroom.WRONG_CODES_PER_MINUTE + 2; i++) {
            refused += call("POST", "/api/teacher", "{\"code\":\"guess" + i + "\"}", null).status() == 429 ? 1 : 0;
        }
        assertEquals(2, refused);
        assertEquals(429, call("POST", "/api/teacher", "{\"code\":\"TEACH1\"}", null).status(), "even the right code waits a minute");
        clock.addAndGet(60_000);
        assertEquals(200, call("POST", "/api/teacher", "{\"code\":\"TEACH1\"}", null).status());
    }

    @Test
    void aPageThatStopsReadingHoldsUpNoOtherStudent() throws Exception {
        open(Classroom.Limits.DEFAULT);
        String eve = join("Eve");
        String ana = join("Ana");
        String stuck = tumour(eve, "01-p95her2", true);
        String running = tumour(ana, "01-p95her2", true);
        for (String[] st : List.of(new String[] {eve, stuck}, new String[] {ana, running})) {
            call("POST", "/api/tumours/" + st[1] + "/prediction", "{\"text\":\"guess\"}", st[0]);
            call("POST", "/api/tumours/" + st[1] + "/play", null, st[0]);
        }
        // Eve's laptop sleeps: her stream's socket is open with a tiny buffer and nothing reads it
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(2048);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write(("GET /api/tumours/" + stuck + "/frames HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: "
                    + eve + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ClassTumour t = room.tumour(room.student(ana.split("=")[1]), running);
            ClassTumour e = room.tumour(room.student(eve.split("=")[1]), stuck);
            // 60 beats of 30 kB frames fill every buffer between the server and Eve many times over;
            // the beats must still come (a blocked beat would wait for the server's 30 s write timeout)
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
                for (int i = 0; i < 60; i++) {
                    clock.addAndGet(1000);
                    room.tick();
                }
            });
            assertTrue(t.day() > 59 && e.day() > 59, "both tumours ran on: " + t.day() + ", " + e.day());
            // and Eve's requests are answered
            assertEquals(200, call("POST", "/api/tumours/" + stuck + "/pause", null, eve).status());
        }
    }

    @Test
    void aClosedPageOfAPausedTumourIsNoticedAndItsStudentFreed() throws Exception {
        open(new Classroom.Limits(60, 40, 1_000, 5_000));
        String ana = join("Ana");
        String id = tumour(ana, "01-p95her2", true);
        call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"guess\"}", ana);
        call("POST", "/api/tumours/" + id + "/step", null, ana); // paused at day 1: nothing more is sent but the heartbeat
        Classroom.Student s = room.student(ana.split("=")[1]);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /api/tumours/" + id + "/frames HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: "
                    + ana + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 100 && s.pages.isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals(1, s.pages.size(), "the page watches");
        } // the browser tab is closed
        for (int i = 0; i < 200 && !s.pages.isEmpty(); i++) {
            room.tick(); // the clock stands still: only the heartbeat writes
            Thread.sleep(5);
        }
        assertTrue(s.pages.isEmpty(), "the closed page was noticed by writing to it");
        clock.addAndGet(6_000);
        room.tick();
        assertEquals(401, call("GET", "/api/me", null, ana).status(), "gone long enough: freed");
        assertEquals(200, call("POST", "/api/join", "{\"name\":\"Ana\",\"code\":\"JOIN1\"}", null).status(), "and her name with her");
    }

    @Test
    void theStreamSendsTheLatticeLegendAndObservations() throws Exception {
        open(Classroom.Limits.DEFAULT);
        String ana = join("Ana");
        String id = tumour(ana, "01-p95her2", true);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/tumours/" + id + "/frames"))
                .header("Cookie", ana).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
        String data;
        try (Stream<String> lines = r.body()) {
            data = lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
        }
        JsonNode frame = JSON.readTree(data);
        assertEquals(0.0, frame.get("day").asDouble());
        byte[] lattice = sites(Base64.getDecoder().decode(frame.get("lattice").asText()));
        assertEquals(150 * 150, lattice.length);
        long occupied = 0;
        for (byte b : lattice) {
            occupied += b != 0 ? 1 : 0;
        }
        assertEquals(3010, occupied, "day 0 shows the 3 000 founder cells and 10 p95HER2 cells, placed");
        assertEquals(frame.get("cells").asLong(), occupied);
        JsonNode legend = frame.get("legend");
        assertEquals("#999999", legend.get(0).get("colour").asText(), "the founder's grey, as in the GUI and the reports");
        assertEquals("p95her2=present", legend.get(1).get("mechanism").asText());
        assertEquals(1, frame.get("points").size());
    }

    /** The sites of a run-length coded lattice (byte, LEB128 length), decoded independently of the server's encoder. */
    static byte[] sites(byte[] runs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int k = 0; k < runs.length;) {
            byte value = runs[k++];
            int n = 0;
            int shift = 0;
            int b;
            do {
                b = runs[k++] & 0xFF;
                n |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            for (int i = 0; i < n; i++) {
                out.write(value);
            }
        }
        return out.toByteArray();
    }

    @Test
    void runLengthsRoundTrip() {
        java.util.Random r = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] sites = new byte[r.nextInt(40_000)];
            for (int i = 0; i < sites.length;) {
                int run = 1 + r.nextInt(trial % 2 == 0 ? 3 : 20_000); // short runs, and runs past one and two varint bytes
                byte v = (byte) r.nextInt(256);
                for (int j = 0; j < run && i < sites.length; j++) {
                    sites[i++] = v;
                }
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(sites, sites(ClassTumour.runLengths(sites)));
        }
    }

    @Test
    void limitsHoldAndIdleTumoursArePausedThenFreedWithTheirOutcomeKept() throws Exception {
        open(new Classroom.Limits(2, 2, 1_000, 5_000));
        String ana = join("Ana");
        join("Ben");
        Reply third = call("POST", "/api/join", "{\"name\":\"Cy\",\"code\":\"JOIN1\"}", null);
        assertEquals(403, third.status());
        assertTrue(third.error().contains("full"), third.error());
        tumour(ana, "02-pten-pi3k", false);
        String id = tumour(ana, "01-p95her2", false);
        assertEquals(429, call("POST", "/api/tumours", "{\"lesson\":\"01-p95her2\",\"classTumour\":false}", ana).status());
        call("POST", "/api/tumours/" + id + "/prediction", "{\"text\":\"guess\"}", ana);
        call("POST", "/api/tumours/" + id + "/play", null, ana);
        ClassTumour t = room.tumour(room.student(ana.split("=")[1]), id);
        clock.addAndGet(500);
        room.tick();
        assertEquals(ClassTumour.Status.RUNNING, t.status());
        assertTrue(t.day() > 0);
        clock.addAndGet(1_000); // no page, no request for 1.5 s
        room.tick();
        assertEquals(ClassTumour.Status.PAUSED, t.status());
        double day = t.day();
        clock.addAndGet(5_000);
        room.tick();
        assertEquals(0, room.liveTumours(), "freed");
        assertEquals(401, call("POST", "/api/tumours/" + id + "/play", null, ana).status(), "the student's place is freed too");
        List<Classroom.Row> rows = room.table().stream().filter(r -> r.student().equals("Ana")).toList();
        assertEquals(1, rows.size(), "the never-started tumour leaves no row; the freed one keeps its outcome");
        assertEquals(day, rows.get(0).outcome().day(), 1e-9);
        assertEquals("paused, freed", rows.get(0).status());
    }

    @Test
    void onlyThePagesAndTheirLibrariesAreServed() throws Exception {
        open(Classroom.Limits.DEFAULT);
        Reply page = call("GET", "/", null, null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/webjars/uplot/"), "uPlot from its WebJar");
        assertFalse(page.body().contains("${"), "the page's library version was filled in at build time");
        assertEquals(200, call("GET", "/classroom.js", null, null).status());
        assertEquals(200, call("GET", "/teacher.html", null, null).status());
        for (String p : List.of("/pom.xml", "/../pom.xml", "/%2e%2e/pom.xml", "/webjars/../../pom.xml", "/classroom/../her2sim.properties",
                "/org/her2sim/classroom/Classroom.class", "/configs/lessons/01-p95her2.yaml", "/..%2f..%2fpom.xml")) {
            Reply r = call("GET", p, null, null);
            assertTrue(r.status() == 404 || r.status() == 400, p + " -> " + r.status());
            assertFalse(r.body().contains("<project") || r.body().contains("predict:"), p + " leaked a file");
        }
        var headers = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                HttpResponse.BodyHandlers.discarding()).headers();
        assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }
}
