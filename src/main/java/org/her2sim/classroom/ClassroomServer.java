package org.her2sim.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.her2sim.config.RegimenSpec;

/**
 * The classroom's web server: the student page and the teacher page (static files from the
 * program's own resources, uPlot from its WebJar: nothing on the file system is reachable), and
 * a small JSON API. Every request body is a fixed record read strictly (unknown fields refused),
 * every value is checked, and every refusal is a one-line message the page shows.
 *
 * <pre>
 * POST /api/join {name, code}                       join the class (sets the student cookie)
 * GET  /api/me                                      who the cookie is, and their tumour (a page reloaded)
 * GET  /api/lessons                                 the lessons: text, controls, lattice size
 * POST /api/tumours {lesson, classTumour}           a new tumour (replaces the student's current one)
 * POST /api/tumours/{id}/prediction {text}          the prediction (needed before the first play)
 * POST /api/tumours/{id}/{play|pause|step}          pace the run
 * POST /api/tumours/{id}/pace {daysPerSecond}       one of ClassTumour.PACES
 * POST /api/tumours/{id}/drugs {drugs}              give exactly these of the lesson's drugs from now on
 * GET  /api/tumours/{id}/frames                     server-sent events: "frame" (JSON), a few a second
 * POST /api/teacher {code}                          the teacher signs in (sets the teacher cookie)
 * GET  /api/teacher/class, /api/teacher/class.csv   the class's table and summary
 * </pre>
 */
public final class ClassroomServer implements AutoCloseable {
    static final String STUDENT_COOKIE = "her2sim-student";
    static final String TEACHER_COOKIE = "her2sim-teacher";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}\u200C\u200D .'’_-]{0,39}");
    private static final int MAX_BODY = 16_384;
    private static final int MAX_TEXT = 2000;

    private final Classroom room;
    private final Javalin app;
    private final ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    private final Set<String> teacherSessions = ConcurrentHashMap.newKeySet();

    record JoinRequest(String name, String code) {
    }

    record TumourRequest(String lesson, boolean classTumour) {
    }

    record TextRequest(String text) {
    }

    record PaceRequest(double daysPerSecond) {
    }

    record DrugsRequest(List<String> drugs) {
    }

    record CodeRequest(String code) {
    }

    /** Serves {@code room} on host:port (port 0: any free port). */
    public ClassroomServer(Classroom room, String host, int port) {
        this.room = room;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/classroom";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        routes();
        app.start(host, port);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    private void routes() {
        app.before(ctx -> {
            // the pages load only their own scripts, styles and data; nothing may frame them
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.exception(Classroom.Refused.class, (e, ctx) -> {
            ctx.attribute("refused", true);
            ctx.status(e.status).json(Map.of("error", e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            // one line for the teacher's terminal, nothing internal for the page
            System.err.println("classroom: " + ctx.method() + " " + ctx.path() + " failed: " + e);
            ctx.status(500).json(Map.of("error", "the classroom could not do that; the teacher's terminal says why"));
        });
        app.error(404, ctx -> {
            // a refusal already said what was wrong; otherwise the route itself does not exist
            if (ctx.path().startsWith("/api/") && ctx.attribute("refused") == null) {
                ctx.json(Map.of("error", "no such request: " + ctx.method() + " " + ctx.path()));
            }
        });
        app.get("/teacher", ctx -> ctx.redirect("/teacher.html"));

        app.post("/api/join", ctx -> {
            JoinRequest r = body(ctx, JoinRequest.class);
            // composed form: "é" typed as e and an accent is the same name as "é"
            String name = r.name() == null ? "" : Normalizer.normalize(r.name().replace('\u00A0', ' ').strip(), Normalizer.Form.NFC);
            if (!NAME.matcher(name).matches()) {
                throw new Classroom.Refused(400, "name: expected up to 40 letters (any script), digits, spaces or . ' ’ _ -, "
                        + "starting with a letter or digit");
            }
            Classroom.Student s = room.join(name, r.code(), ctx.ip());
            ctx.cookie(cookie(STUDENT_COOKIE, s.token));
            ctx.json(Map.of("name", s.name));
        });
        app.get("/api/me", ctx -> {
            // a page reloaded (or reopened) finds its student and tumour again through the cookie
            Classroom.Student s = room.known(ctx.cookie(STUDENT_COOKIE));
            if (s == null) {
                throw new Classroom.Refused(401, "join the class first (name and join code)");
            }
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("name", s.name);
            ClassTumour t = s.tumour;
            if (t != null) {
                me.put("tumour", Map.of("id", t.id, "seed", t.seed, "lesson", t.lesson.id(), "prediction", t.prediction(),
                        "status", t.status().name().toLowerCase(java.util.Locale.ROOT)));
            }
            ctx.json(me);
        });
        app.get("/api/lessons", ctx -> {
            student(ctx);
            List<Map<String, Object>> out = new ArrayList<>();
            for (ClassLesson l : room.lessons()) {
                var spec = l.lesson().spec();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", l.id());
                m.put("title", spec.title());
                m.put("timeNote", l.timeNote());
                m.put("predict", spec.predict());
                m.put("observe", spec.observe());
                m.put("discuss", spec.discuss());
                m.put("controls", l.controls().stream().map(d -> Map.of("drug", d.drug(), "dosing", d.dosing())).toList());
                m.put("drugs", l.drugs());
                m.put("width", l.width());
                m.put("height", l.height());
                out.add(m);
            }
            ctx.json(Map.of("lessons", out, "paces", ClassTumour.PACES, "defaultPace", ClassTumour.DEFAULT_PACE));
        });
        app.post("/api/tumours", ctx -> {
            Classroom.Student s = student(ctx);
            TumourRequest r = body(ctx, TumourRequest.class);
            ClassTumour t = room.newTumour(s, r.lesson(), r.classTumour());
            ctx.json(Map.of("id", t.id, "seed", t.seed, "lesson", t.lesson.id()));
        });
        app.post("/api/tumours/{id}/prediction", ctx -> {
            Classroom.Student s = student(ctx);
            ClassTumour t = room.tumour(s, ctx.pathParam("id"));
            TextRequest r = body(ctx, TextRequest.class);
            String text = r.text() == null ? "" : r.text().strip();
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                throw new Classroom.Refused(400, "text: write your prediction (up to " + MAX_TEXT + " characters)");
            }
            if (!t.predict(text)) {
                throw new Classroom.Refused(409, "the prediction stays as it was written before the run; discuss what differed");
            }
            ctx.json(Map.of("ok", true));
        });
        for (String action : List.of("play", "pause", "step")) {
            app.post("/api/tumours/{id}/" + action, ctx -> {
                Classroom.Student s = student(ctx);
                ClassTumour t = room.tumour(s, ctx.pathParam("id"));
                String refused = t.refusal(!action.equals("pause"));
                if (refused != null) {
                    throw new Classroom.Refused(409, refused);
                }
                switch (action) {
                    case "play" -> t.play();
                    case "step" -> t.step();
                    default -> t.pause();
                }
                ctx.json(Map.of("status", t.status().name().toLowerCase(java.util.Locale.ROOT)));
                room.push(s);
            });
        }
        app.post("/api/tumours/{id}/pace", ctx -> {
            Classroom.Student s = student(ctx);
            ClassTumour t = room.tumour(s, ctx.pathParam("id"));
            String refused = t.refusal(false);
            if (refused != null) {
                throw new Classroom.Refused(409, refused);
            }
            double v = body(ctx, PaceRequest.class).daysPerSecond();
            if (java.util.Arrays.stream(ClassTumour.PACES).noneMatch(p -> p == v)) {
                throw new Classroom.Refused(400, "daysPerSecond: expected one of " + java.util.Arrays.toString(ClassTumour.PACES));
            }
            t.pace(v);
            ctx.json(Map.of("daysPerSecond", v));
            room.push(s);
        });
        app.post("/api/tumours/{id}/drugs", ctx -> {
            Classroom.Student s = student(ctx);
            ClassTumour t = room.tumour(s, ctx.pathParam("id"));
            List<String> drugs = body(ctx, DrugsRequest.class).drugs();
            if (drugs == null || drugs.size() > 10) {
                throw new Classroom.Refused(400, "drugs: expected a list of the lesson's drugs (an empty list stops them all)");
            }
            List<RegimenSpec.DoseSpec> given = Classroom.controls(t.lesson, drugs);
            if (!t.give(given)) {
                throw new Classroom.Refused(409, "this tumour's run has ended; start a new tumour");
            }
            ctx.json(Map.of("drugs", given.stream().map(RegimenSpec.DoseSpec::drug).toList()));
            room.push(s);
        });
        app.sse("/api/tumours/{id}/frames", client -> {
            Context ctx = client.ctx();
            Classroom.Student s;
            try {
                s = student(ctx);
                room.tumour(s, ctx.pathParam("id"));
            } catch (Classroom.Refused e) {
                client.sendEvent("refused", e.getMessage());
                client.close();
                return;
            }
            Classroom.Page page = new Classroom.Page(s.tumour, new Classroom.FrameSink() {
                @Override
                public boolean send(Frame frame) {
                    return ClassroomServer.this.send(client, frame);
                }

                @Override
                public void close() {
                    client.close();
                }
            });
            if (page.tumour == null || !room.watch(s, page)) {
                client.sendEvent("refused", page.tumour == null ? "no such tumour of yours; start a new one"
                        : "this tumour is open in " + Classroom.PAGES_PER_STUDENT + " pages already; close one");
                client.close();
                return;
            }
            client.onClose(() -> room.unwatch(s, page));
            client.keepAlive();
        });

        app.post("/api/teacher", ctx -> {
            CodeRequest r = body(ctx, CodeRequest.class);
            if (!room.teacher(r.code(), ctx.ip())) {
                throw new Classroom.Refused(403, "code: that is not the teacher's code (printed when the classroom started)");
            }
            String session = java.util.UUID.randomUUID().toString();
            teacherSessions.add(session);
            ctx.cookie(cookie(TEACHER_COOKIE, session));
            ctx.json(Map.of("joinCode", room.joinCode()));
        });
        app.get("/api/teacher/class", ctx -> {
            teacher(ctx);
            ctx.json(Map.of("joinCode", room.joinCode(), "rows", room.table(), "summary", room.summary()));
        });
        app.get("/api/teacher/class.csv", ctx -> {
            teacher(ctx);
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"class.csv\"");
            ctx.result(csv(room.table()));
        });
    }

    /** One frame to one page; false once the page has gone. */
    private boolean send(SseClient client, Frame frame) {
        synchronized (client) {
            if (client.terminated()) {
                return false;
            }
            try {
                client.sendEvent("frame", json.writeValueAsString(frame));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return !client.terminated();
        }
    }

    private Classroom.Student student(Context ctx) {
        return room.student(ctx.cookie(STUDENT_COOKIE));
    }

    private void teacher(Context ctx) {
        String c = ctx.cookie(TEACHER_COOKIE);
        if (c == null || !teacherSessions.contains(c)) {
            throw new Classroom.Refused(401, "sign in with the teacher's code first");
        }
    }

    /** The request's JSON, read as UTF-8 whatever it claims, and no more than {@link #MAX_BODY} bytes of it (chunked or not). */
    private <T> T body(Context ctx, Class<T> type) throws java.io.IOException {
        byte[] bytes;
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new Classroom.Refused(413, "request body: larger than " + MAX_BODY / 1024 + " kB");
        }
        try {
            T t = json.readValue(bytes, type);
            if (t == null) {
                throw new Classroom.Refused(400, "request body: expected a JSON object");
            }
            return t;
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u ? " (unknown field '" + u.getPropertyName() + "')" : "";
            throw new Classroom.Refused(400, "request body: expected a JSON object with " + fields(type) + field);
        }
    }

    private static String fields(Class<?> record) {
        return String.join(", ", java.util.Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList());
    }

    private static Cookie cookie(String name, String value) {
        return new Cookie(name, value, "/", -1, false, 0, true, null, null, SameSite.STRICT);
    }

    /**
     * The table as CSV, one row per tumour, the outcome's fields flattened; UTF-8 with a byte-order
     * mark (so a spreadsheet reads "→" and accented names), days to a tenth, and any text a
     * spreadsheet would take for a formula (starting with = + - @ or a tab) prefixed with '.
     */
    static String csv(List<Classroom.Row> rows) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.builder().addColumns(List.of("student", "lesson", "seed", "class_tumour", "status", "result", "day",
                "cells", "progression_day", "days_to_progression", "extinction_day", "escape", "strategy", "prediction"),
                CsvSchema.ColumnType.STRING).build().withHeader();
        List<List<Object>> data = new ArrayList<>();
        for (Classroom.Row r : rows) {
            Outcome o = r.outcome();
            data.add(java.util.Arrays.asList(text(r.student()), r.lesson(), r.lesson().isEmpty() ? null : r.seed(), r.classTumour(), r.status(),
                    o == null ? null : o.result(), o == null ? null : tenth(o.day()), o == null ? null : o.cells(),
                    o == null ? null : tenth(o.progressionDay()), o == null ? null : tenth(o.daysToProgression()),
                    o == null ? null : tenth(o.extinctionDay()), o == null ? null : text(o.escape()), o == null ? null : text(o.strategy()),
                    text(r.prediction())));
        }
        try {
            return "\uFEFF" + mapper.writer(schema).writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tenth(Double d) {
        return d == null ? null : String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static String text(String s) {
        return s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    @Override
    public void close() {
        app.stop();
        room.close();
    }
}
