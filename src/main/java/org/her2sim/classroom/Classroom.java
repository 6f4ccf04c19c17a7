package org.her2sim.classroom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Lesson;
import org.her2sim.report.Palette;

/**
 * The class: lessons on offer, students who joined with the join code, each student's tumour,
 * and the clock that steps every running tumour a few times a second on a pool of worker
 * threads (one per core) and hands each its frame. When the class asks for more than the
 * workers can compute, every tumour gets an equal share of each beat and runs slower than its
 * pace, while frames keep their rate. Outcomes of tumours a student has replaced
 * or that were freed stay in the teacher's table.
 *
 * <p>Bounds: at most {@link Limits#maxStudents} students and {@link Limits#maxTumours} tumours
 * per student, one live tumour per student (a new one replaces it); a running tumour whose page
 * has gone for {@link Limits#idlePauseMillis} is paused and one gone for
 * {@link Limits#idleFreeMillis} is freed (its outcome kept).
 */
public final class Classroom implements AutoCloseable {
    /** How the class is bounded. */
    public record Limits(int maxStudents, int maxTumours, long idlePauseMillis, long idleFreeMillis) {
        public static final Limits DEFAULT = new Limits(60, 40, 60_000, 15 * 60_000);
    }

    /** Something that delivers a tumour's frames to a page (it may block while the page is slow); false once the page has gone. */
    interface FrameSink {
        boolean send(Frame frame);

        void close();
    }

    /**
     * A page watching a tumour: its own cursor into the tumour's history, and a sender that
     * writes its frames on a thread of its own, so a page that stops reading (a laptop asleep)
     * holds up nobody else. While a frame is being written, newer changes wait as one flag and
     * go out together in the next frame.
     */
    static final class Page {
        final ClassTumour tumour;
        final FrameSink sink;
        private final ClassTumour.Cursor cursor = new ClassTumour.Cursor();
        private final java.util.concurrent.atomic.AtomicBoolean dirty = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean closed;

        Page(ClassTumour tumour, FrameSink sink) {
            this.tumour = tumour;
            this.sink = sink;
        }
    }

    /** At most this many pages may watch one student's tumour (a student's tabs and devices). */
    static final int PAGES_PER_STUDENT = 3;

    /** What a request did wrong, worded for the student, with the HTTP status it gets. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** A row of the teacher's table: one tumour of one student. */
    record Row(String student, String lesson, String lessonTitle, long seed, boolean classTumour, String status, String prediction,
               Outcome outcome) {
    }

    static final long TICK_MILLIS = 125;
    /** Beats between frames to pages whose tumour is not running (5 s): how a closed page is noticed. */
    static final int HEARTBEAT_TICKS = 40;

    private final Map<String, ClassLesson> lessons;
    private final String joinCode;
    private final String teacherCode;
    private final Limits limits;
    private final LongSupplier clock;
    private final Map<String, Student> students = new ConcurrentHashMap<>();
    private final Map<String, Integer> tumoursMadePerLesson = new ConcurrentHashMap<>();
    private final List<Row> finished = new CopyOnWriteArrayList<>();
    private final int threads;
    private final ExecutorService workers;
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("classroom-sender"));
    private final ScheduledExecutorService ticker;
    private long lastTick;
    private volatile long ticks;

    /** One student: a name, their tumour (or none), how many they made, when they were last seen, their pages. */
    static final class Student {
        final String token;
        final String name;
        ClassTumour tumour;
        boolean classTumour;
        int tumoursMade;
        volatile long lastSeen;
        final List<Page> pages = new CopyOnWriteArrayList<>();

        Student(String token, String name, long now) {
            this.token = token;
            this.name = name;
            this.lastSeen = now;
        }
    }

    /**
     * A class for the lessons in {@code dir} (every lesson file there, in name order), with the
     * given codes (random when null); the clock (milliseconds) is the system's unless a test gives one.
     */
    public Classroom(Path dir, String joinCode, String teacherCode, Limits limits, LongSupplier clock, boolean tick) {
        this.lessons = load(dir);
        this.joinCode = joinCode != null ? joinCode : code(3);
        this.teacherCode = teacherCode != null ? teacherCode : code(4);
        this.limits = limits;
        this.clock = clock;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.workers = Executors.newFixedThreadPool(threads, daemon("classroom-worker"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("classroom-clock"));
        this.lastTick = clock.getAsLong();
        if (tick) {
            ticker.scheduleAtFixedRate(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static Map<String, ClassLesson> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": not a directory of lessons (expected e.g. configs/lessons)");
        }
        Map<String, ClassLesson> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (!Lesson.isLesson(f)) {
                    continue; // the lessons' shared scenario lives beside them
                }
                Lesson l = Lesson.load(f);
                ConfigLoader.Loaded loaded = l.loaded(List.of(), null);
                var scenario = Scenario.compile(loaded);
                var config = scenario.config();
                var lattice = config.lattice();
                Set<String> given = new java.util.HashSet<>();
                config.regimen().phases().forEach(ph -> ph.drugs().forEach(d -> given.add(d.drug())));
                l.spec().controls().forEach(d -> given.add(d.drug()));
                List<ClassLesson.ShownDrug> drugs = new ArrayList<>();
                for (var d : scenario.drugs().drugs()) {
                    if (given.contains(d.name())) {
                        drugs.add(new ClassLesson.ShownDrug(d.name(), d.bit(), Palette.hex(Palette.drug(drugs.size()))));
                    }
                }
                String id = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                out.put(id, new ClassLesson(id, l, loaded, l.timeNote(), config.seed(), drugs, lattice == null ? 0 : lattice.width(),
                        lattice == null ? 0 : lattice.height()));
            }
        } catch (java.io.IOException e) {
            throw new ConfigException(dir + ": cannot list the lessons (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new ConfigException(dir + ": no lesson files (YAML with title, scenario and predict) found");
        }
        return out;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String code(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b).toUpperCase(java.util.Locale.ROOT);
    }

    public String joinCode() {
        return joinCode;
    }

    public String teacherCode() {
        return teacherCode;
    }

    /** The paces a student may choose, days per second. */
    public static double[] paces() {
        return ClassTumour.PACES.clone();
    }

    public int lessonCount() {
        return lessons.size();
    }

    Collection<ClassLesson> lessons() {
        return lessons.values();
    }

    ClassLesson lesson(String id) {
        ClassLesson l = id == null ? null : lessons.get(id);
        if (l == null) {
            throw new Refused(400, "lesson: expected one of " + String.join(", ", lessons.keySet()));
        }
        return l;
    }

    /**
     * Wrong codes from one address in the current minute, joins and teacher sign-ins counted apart;
     * past {@link #WRONG_CODES_PER_MINUTE} that address waits for the minute to end. A class behind one
     * address (a proxy, NAT) shares the count, so it is generous: enough for a class's typing slips,
     * far too few to guess a code.
     */
    private final Map<String, long[]> wrongCodes = new ConcurrentHashMap<>();
    static final int WRONG_CODES_PER_MINUTE = 60;

    /** Refuses an address that has tried too many wrong codes this minute (guessing). */
    void checkGuessing(String address) {
        long[] w = wrongCodes.get(address);
        if (w != null && clock.getAsLong() - w[0] < 60_000 && w[1] >= WRONG_CODES_PER_MINUTE) {
            throw new Refused(429, "too many wrong codes from this computer; wait a minute");
        }
    }

    void wrongCode(String address) {
        long now = clock.getAsLong();
        wrongCodes.compute(address, (k, w) -> w == null || now - w[0] >= 60_000 ? new long[] {now, 1} : new long[] {w[0], w[1] + 1});
    }

    /** A student joins with the class's code and a name no one in the class uses; returns their token (kept in a cookie). */
    Student join(String name, String code, String address) {
        checkGuessing("join " + address);
        if (!joinCode.equalsIgnoreCase(code == null ? "" : code.strip())) {
            wrongCode("join " + address);
            throw new Refused(403, "code: that is not this class's join code (the teacher has it)");
        }
        synchronized (students) {
            if (students.values().stream().anyMatch(o -> o.name.equalsIgnoreCase(name))) {
                throw new Refused(409, "name: someone in the class already uses that name (if it is you, use the browser you joined "
                        + "with; otherwise add an initial)");
            }
            if (students.size() >= limits.maxStudents()) {
                throw new Refused(403, "the class is full (" + limits.maxStudents() + " students); the teacher can start the classroom "
                        + "with a larger --max-students");
            }
            Student s = new Student(code(16), name, clock.getAsLong());
            students.put(s.token, s);
            return s;
        }
    }

    /** The student with this token, or null (no refusal: a page asks who it is before anyone has joined). */
    Student known(String token) {
        Student s = token == null ? null : students.get(token);
        if (s != null) {
            s.lastSeen = clock.getAsLong();
        }
        return s;
    }

    /** The student with this token (and marks them seen), or refused. */
    Student student(String token) {
        Student s = token == null ? null : students.get(token);
        if (s == null) {
            throw new Refused(401, "join the class first (name and join code)");
        }
        s.lastSeen = clock.getAsLong();
        return s;
    }

    boolean teacher(String code, String address) {
        checkGuessing("teacher " + address);
        boolean ok = code != null && teacherCode.equalsIgnoreCase(code.strip());
        if (!ok) {
            wrongCode("teacher " + address);
        }
        return ok;
    }

    /** A new tumour of a lesson for this student (replacing their current one): the class's tumour, or one of their own. */
    ClassTumour newTumour(Student s, String lessonId, boolean classTumour) {
        ClassLesson l = lesson(lessonId);
        synchronized (s) {
            if (s.tumoursMade >= limits.maxTumours()) {
                throw new Refused(429, "you have started " + limits.maxTumours() + " tumours, the most a student may in this class "
                        + "(the classroom's --max-tumours)");
            }
            // the class's tumour is the lesson's own; otherwise the next of the lesson's numbered tumours
            long seed = classTumour ? l.classSeed() : l.lesson().newTumourSeed(tumoursMadePerLesson.merge(l.id(), 1, Integer::sum));
            ClassTumour t;
            try {
                t = new ClassTumour(code(8), l, seed);
            } catch (ConfigException e) {
                System.err.println("classroom: lesson " + l.id() + ", seed " + seed + ": " + e.getMessage());
                throw new Refused(500, "this lesson's tumour could not be started; the teacher's terminal says why");
            }
            retire(s);
            s.tumour = t;
            s.classTumour = classTumour;
            s.tumoursMade++;
            return s.tumour;
        }
    }

    /** The student's tumour if it has this id, else refused. */
    ClassTumour tumour(Student s, String id) {
        ClassTumour t = s.tumour;
        if (t == null || !t.id.equals(id)) {
            throw new Refused(404, "no such tumour of yours (it may have been freed after a long pause: start a new one)");
        }
        return t;
    }

    /** The lesson's control of that name, else refused (students give only the lesson's drugs, at its dosing). */
    static List<RegimenSpec.DoseSpec> controls(ClassLesson l, List<String> drugs) {
        List<RegimenSpec.DoseSpec> out = new ArrayList<>();
        for (String d : drugs) {
            RegimenSpec.DoseSpec c = l.control(d);
            if (c == null) {
                throw new Refused(400, "drugs: '" + d + "' is not offered in this lesson; expected some of "
                        + String.join(", ", l.controls().stream().map(RegimenSpec.DoseSpec::drug).toList()));
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A page starts watching the student's tumour; false if the student has as many pages as allowed. */
    boolean watch(Student s, Page page) {
        synchronized (s.pages) {
            s.pages.removeIf(p -> p.closed);
            if (s.pages.size() >= PAGES_PER_STUDENT) {
                return false;
            }
            s.pages.add(page);
        }
        push(s);
        return true;
    }

    /** The page has gone. */
    void unwatch(Student s, Page page) {
        page.closed = true;
        s.pages.remove(page);
        s.lastSeen = clock.getAsLong();
    }

    /** Tells the student's pages that their tumour changed; each sends its next frame on its own thread, never this one. */
    void push(Student s) {
        for (Page page : s.pages) {
            page.dirty.set(true);
            if (page.sending.compareAndSet(false, true)) {
                senders.execute(() -> send(s, page));
            }
        }
    }

    /** A page's sender: frames until nothing new is waiting (the check after releasing the flag closes the race with push). */
    private void send(Student s, Page page) {
        do {
            while (page.dirty.getAndSet(false)) {
                if (page.closed || !page.sink.send(page.tumour.frame(page.cursor))) {
                    unwatch(s, page);
                    page.sending.set(false);
                    return;
                }
            }
            page.sending.set(false);
        } while (page.dirty.get() && page.sending.compareAndSet(false, true));
    }

    /** Moves a replaced or freed tumour's outcome to the teacher's table and drops its model. */
    private void retire(Student s) {
        retire(s, "replaced");
    }

    /** As {@link #retire(Student)}, the row's status saying why the tumour left ("replaced", "freed"). */
    private void retire(Student s, String why) {
        ClassTumour t = s.tumour;
        for (Page page : s.pages) {
            if (page.tumour == t) {
                page.closed = true; // its page now watches the new tumour or none
                page.sink.close();
                s.pages.remove(page);
            }
        }
        if (t != null) {
            if (t.status() != ClassTumour.Status.READY || !t.prediction().isBlank()) {
                Row r = row(s, t);
                finished.add(t.status() == ClassTumour.Status.FINISHED ? r : new Row(r.student(), r.lesson(), r.lessonTitle(), r.seed(),
                        r.classTumour(), r.status() + ", " + why, r.prediction(), r.outcome()));
            }
            s.tumour = null;
        }
    }

    private static Row row(Student s, ClassTumour t) {
        return new Row(s.name, t.lesson.id(), t.lesson.title(), t.seed, s.classTumour, t.status().name().toLowerCase(java.util.Locale.ROOT),
                t.prediction(), t.outcome());
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            System.err.println("classroom: a tumour failed to step: " + e.getMessage());
        }
    }

    /**
     * One beat of the clock: steps every running tumour by the wall time since the last beat (in
     * parallel, one worker per core), sends each its frame, then pauses and frees idle tumours.
     * Beats come at a fixed rate; one that overruns delays the next (they never overlap).
     */
    void tick() {
        long now = clock.getAsLong();
        double seconds = Math.min(1.0, (now - lastTick) / 1000.0);
        lastTick = now;
        List<Student> running = students.values().stream()
                .filter(s -> s.tumour != null && s.tumour.status() == ClassTumour.Status.RUNNING).toList();
        // each running tumour's share of the workers' beat (less two fifths for the frames and the
        // requests): with more work than the workers can do, every tumour slows down alike and the
        // frames keep coming
        long budget = running.isEmpty() ? 0 : (long) (TICK_MILLIS * 1e6 * 0.6 * threads / running.size());
        List<Future<?>> work = new ArrayList<>();
        for (Student s : running) {
            ClassTumour t = s.tumour;
            work.add(workers.submit(() -> {
                if (t.advance(seconds, budget) && s.tumour == t) {
                    push(s);
                }
            }));
        }
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
        ticks++;
        if (ticks % HEARTBEAT_TICKS == 0) {
            // a page is found closed only by writing to it: every few seconds, the pages of tumours not running get a frame too
            for (Student s : students.values()) {
                ClassTumour t = s.tumour;
                if (t == null || t.status() != ClassTumour.Status.RUNNING) {
                    push(s);
                }
            }
        }
        idle(now);
    }

    /**
     * Pauses running tumours whose pages have gone quiet; frees tumours left alone for long, and
     * students gone as long (their place in the class, not their rows in the teacher's table).
     */
    void idle(long now) {
        for (Student s : students.values()) {
            if (!s.pages.isEmpty()) {
                continue;
            }
            ClassTumour t = s.tumour;
            long quiet = now - s.lastSeen;
            if (quiet >= limits.idleFreeMillis()) {
                synchronized (s) {
                    retire(s, "freed");
                }
                students.remove(s.token);
            } else if (t != null && quiet >= limits.idlePauseMillis()) {
                t.pause();
            }
        }
    }

    int liveTumours() {
        return (int) students.values().stream().filter(s -> s.tumour != null).count();
    }

    /** The teacher's table: every student's current tumour (or their joining, if none yet) and earlier tumours' outcomes. */
    List<Row> table() {
        List<Row> rows = new ArrayList<>(finished);
        for (Student s : students.values()) {
            ClassTumour t = s.tumour;
            if (t != null) {
                rows.add(row(s, t));
            } else if (s.tumoursMade == 0) {
                rows.add(new Row(s.name, "", "", 0, false, "joined", "", null));
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::student).thenComparing(Row::lesson));
        return rows;
    }

    /** A summary line of the class: for a lesson and strategy, how many tumours, cured, progressed, and the median days to progression. */
    record Summary(String lesson, String strategy, int tumours, int cured, int progressed, Double medianDaysToProgression) {
    }

    /** Outcomes by lesson and by strategy chosen, over the tumours whose treatment has begun. */
    List<Summary> summary() {
        Map<List<String>, List<Outcome>> groups = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Row r : table()) {
            if (r.outcome() != null && r.outcome().treated()) {
                groups.computeIfAbsent(List.of(r.lesson(), r.outcome().strategy()), k -> new ArrayList<>()).add(r.outcome());
            }
        }
        List<Summary> out = new ArrayList<>();
        groups.forEach((k, list) -> {
            double[] days = list.stream().filter(o -> o.daysToProgression() != null).mapToDouble(Outcome::daysToProgression).toArray();
            Double median = days.length == 0 ? null : new Median().evaluate(days);
            out.add(new Summary(k.get(0), k.get(1), list.size(), (int) list.stream().filter(o -> o.result().equals("cured")).count(),
                    (int) list.stream().filter(o -> o.progressionDay() != null).count(), median));
        });
        return out;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
        senders.shutdownNow();
    }
}
