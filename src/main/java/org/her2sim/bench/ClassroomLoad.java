package org.her2sim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.her2sim.classroom.Classroom;
import org.her2sim.classroom.ClassroomServer;

/**
 * A class on loopback: a classroom server and {@code students} clients in this process, each
 * joining, starting its own tumour of a lesson (the lessons in turn), writing a prediction,
 * choosing a pace, pressing play and reading its stream of frames as a browser would. Measures
 * the frames each student received per second while its tumour ran, the gaps between frames,
 * the simulated days per second achieved (below the pace asked for when the server is short of
 * computing time), the bytes sent and the server's heap after a full collection with every
 * tumour live.
 * The clients share the machine with the server, so the figures are a floor.
 */
public final class ClassroomLoad {
    /**
     * Per student: frames per second, the 95th percentile gap between frames (ms), days simulated
     * and days per second achieved; how many tumours ended; the bytes sent and the server's heap.
     */
    public record Result(int students, double seconds, double pace, double[] framesPerSecond, double[] gapP95Millis, double[] daysRun,
                         double[] daysPerSecond, int ended, long frameBytes, long heapBytes, int lessons) {
        public double min(double[] v) {
            return Arrays.stream(v).min().orElse(Double.NaN);
        }

        public double median(double[] v) {
            return new Median().evaluate(v);
        }

        public double max(double[] v) {
            return Arrays.stream(v).max().orElse(Double.NaN);
        }

        /** A one-paragraph account, as docs/performance.md quotes it. */
        public String text() {
            return String.format(Locale.ROOT, "%d students (%d lessons in turn) at %s days/s for %.0f s: frames/s per student min %.1f, median %.1f, max %.1f; "
                    + "95th-percentile gap between frames, worst student %.0f ms, median %.0f ms; simulated days per second achieved min %.1f, "
                    + "median %.1f (%d of the tumours ended within the time); %.1f MB of frames sent; server heap after GC with every tumour live %.0f MB",
                    students, lessons, pace, seconds, min(framesPerSecond), median(framesPerSecond), max(framesPerSecond), max(gapP95Millis),
                    median(gapP95Millis), min(daysPerSecond), median(daysPerSecond), ended, frameBytes / 1e6, heapBytes / 1048576.0);
        }
    }

    private static final Pattern DAY = Pattern.compile("\"day\":([0-9.Ee+-]+)");

    private ClassroomLoad() {
    }

    /** Runs the class for {@code seconds} after every student has pressed play at {@code pace} days per second. */
    public static Result run(Path lessons, int students, double seconds, double pace) throws IOException, InterruptedException {
        String code = "LOADTEST";
        var limits = new Classroom.Limits(students, 5, Classroom.Limits.DEFAULT.idlePauseMillis(), Classroom.Limits.DEFAULT.idleFreeMillis());
        try (Classroom room = new Classroom(lessons, code, null, limits, System::currentTimeMillis, true);
             ClassroomServer server = new ClassroomServer(room, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newHttpClient();
            List<Student> class_ = new ArrayList<>();
            for (int i = 0; i < students; i++) {
                class_.add(new Student(http, base, "student " + (i + 1)));
            }
            List<String> ids = class_.get(0).lessonIds();
            for (int i = 0; i < students; i++) {
                class_.get(i).start(ids.get(i % ids.size()), pace);
            }
            long until = System.nanoTime() + (long) (seconds * 1e9);
            CountDownLatch done = new CountDownLatch(students);
            for (Student s : class_) {
                Thread t = new Thread(() -> {
                    try {
                        s.watch(until);
                    } finally {
                        done.countDown();
                    }
                }, "load-" + s.name);
                t.setDaemon(true);
                t.start();
            }
            done.await((long) seconds + 30, TimeUnit.SECONDS);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            double[] fps = new double[students];
            double[] gaps = new double[students];
            double[] days = new double[students];
            double[] achieved = new double[students];
            int ended = 0;
            long bytes = 0;
            for (int i = 0; i < students; i++) {
                Student s = class_.get(i);
                fps[i] = s.frames.isEmpty() ? 0 : s.frames.size() / ((s.endNanos - s.startNanos) / 1e9);
                gaps[i] = s.gapP95Millis();
                days[i] = s.lastDay - s.firstDay;
                achieved[i] = s.frames.isEmpty() ? 0 : days[i] / ((s.endNanos - s.startNanos) / 1e9);
                ended += s.ended ? 1 : 0;
                bytes += s.bytes;
            }
            return new Result(students, seconds, pace, fps, gaps, days, achieved, ended, bytes, heap, ids.size());
        }
    }

    /** One simulated student: their cookie, their tumour, and the arrival times of their frames. */
    private static final class Student {
        final HttpClient http;
        final String base;
        final String name;
        final String cookie;
        String tumour;
        final List<Long> frames = new ArrayList<>();
        double firstDay = Double.NaN;
        double lastDay = Double.NaN;
        long startNanos;
        boolean ended;
        long endNanos;
        long bytes;

        Student(HttpClient http, String base, String name) throws IOException, InterruptedException {
            this.http = http;
            this.base = base;
            this.name = name;
            HttpResponse<String> r = post("/api/join", "{\"name\":\"" + name + "\",\"code\":\"LOADTEST\"}", null);
            cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }

        List<String> lessonIds() throws IOException, InterruptedException {
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/lessons")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<String> ids = new ArrayList<>();
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return ids;
        }

        void start(String lesson, double pace) throws IOException, InterruptedException {
            String body = post("/api/tumours", "{\"lesson\":\"" + lesson + "\",\"classTumour\":false}", cookie).body();
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no tumour: " + body);
            }
            tumour = m.group(1);
            post("/api/tumours/" + tumour + "/prediction", "{\"text\":\"it shrinks, then a resistant clone regrows\"}", cookie);
            post("/api/tumours/" + tumour + "/pace", "{\"daysPerSecond\":" + pace + "}", cookie);
            post("/api/tumours/" + tumour + "/play", "", cookie);
        }

        /** Reads the stream of frames until the deadline. */
        void watch(long untilNanos) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/tumours/" + tumour + "/frames"))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").build();
            try {
                HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = r.body()) {
                    var it = lines.iterator();
                    while (System.nanoTime() < untilNanos && it.hasNext()) {
                        String line = it.next();
                        bytes += line.length() + 1;
                        if (line.startsWith("data: ")) {
                            long now = System.nanoTime();
                            if (now >= untilNanos) {
                                break;
                            }
                            Matcher m = DAY.matcher(line);
                            if (m.find()) {
                                double day = Double.parseDouble(m.group(1));
                                if (Double.isNaN(firstDay)) {
                                    firstDay = day;
                                    startNanos = now; // the first frame is the page's starting picture
                                } else {
                                    frames.add(now);
                                }
                                lastDay = day;
                                endNanos = now;
                            }
                            if (line.contains("\"status\":\"finished\"")) {
                                ended = true;
                                break; // a finished tumour sends no more frames: its rate counts while it ran
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        double gapP95Millis() {
            if (frames.size() < 2) {
                return Double.NaN;
            }
            double[] gaps = new double[frames.size() - 1];
            for (int i = 1; i < frames.size(); i++) {
                gaps[i - 1] = (frames.get(i) - frames.get(i - 1)) / 1e6;
            }
            Arrays.sort(gaps);
            return gaps[(int) Math.ceil(0.95 * gaps.length) - 1];
        }

        private HttpResponse<String> post(String path, String json, String cookie) throws IOException, InterruptedException {
            var b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        }
    }
}
