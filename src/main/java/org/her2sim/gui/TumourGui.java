package org.her2sim.gui;

import java.awt.AWTException;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SpaceKind;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.experiment.Lesson;
import org.her2sim.io.AtomicFiles;
import org.her2sim.observe.LiveData;
import org.her2sim.random.SeedTree;
import org.her2sim.report.HtmlPage;
import org.her2sim.report.Palette;
import sim.display.Console;
import sim.display.Controller;
import sim.display.Display2D;
import sim.display.GUIState;
import sim.engine.SimState;
import sim.portrayal.grid.FastValueGridPortrayal2D;

/**
 * The teaching GUI: MASON's Console drives an unchanged {@link TumourModel}; one window shows
 * the tumour (the lattice through a {@link Display2D}, or a composition view when well mixed),
 * a legend, the lesson's questions, a control panel (give or stop drugs while it runs, a new
 * tumour, a snapshot) and live charts. The Console's model inspector edits {@link Settings},
 * which take effect on the next start (stop, then play).
 *
 * <p>Lifecycle (MASON's): {@link #init} builds the windows once; each {@link #start} compiles
 * the scenario with the current settings and seed into a fresh model and attaches it; the
 * model runs on the Console's thread; the GUI reads it after each step and changes it only
 * while holding the schedule's lock.
 */
public final class TumourGui extends GUIState {
    /**
     * How the GUI was asked to start; the snapshot options run it unattended (a snapshot at day
     * NaN is taken before play: the window as a student first sees it).
     */
    public record Options(boolean play, double snapshotAtDay, Path snapshotFile, boolean exitAfterSnapshot) {
        boolean snapshotBeforePlay() {
            return snapshotFile != null && Double.isNaN(snapshotAtDay);
        }
    }

    private final Lesson lesson;
    private final Path scenarioFile;
    private final List<String> overrides;
    private final Options options;
    private final Settings settings;
    private Long seed;
    private Scenario scenario;

    private final MechanismColours colours;
    private final StateColourMap colourMap;
    private final FastValueGridPortrayal2D latticePortrayal = new FastValueGridPortrayal2D("cells", false);
    private LiveData live = new LiveData();
    private Display2D display;
    private CompositionView dish;
    private LiveCharts charts;
    private JFrame frame;
    private final JPanel legend = new JPanel();
    private Map<String, Color> legendShown = Map.of();
    private final JTextArea events = new JTextArea(6, 30);
    private final JLabel status = new JLabel(" ");
    private final List<JCheckBox> drugBoxes = new ArrayList<>();
    private boolean snapshotTaken;

    /** A GUI for a lesson (lesson non-null) or a plain scenario file. */
    public TumourGui(Lesson lesson, Path scenarioFile, List<String> overrides, Long seed, Options options) {
        this(lesson, scenarioFile, overrides, seed, options, compile(lesson, scenarioFile, overrides, seed, ConfigChange.none()));
    }

    private TumourGui(Lesson lesson, Path scenarioFile, List<String> overrides, Long seed, Options options, Scenario first) {
        super(new TumourModel(first, first.config().seed(), null));
        this.lesson = lesson;
        this.scenarioFile = scenarioFile;
        this.overrides = List.copyOf(overrides);
        this.seed = seed;
        this.options = options;
        this.scenario = first;
        this.settings = new Settings(first);
        this.colours = new MechanismColours(Palette.of(first.space()));
        this.colourMap = new StateColourMap(colours);
        info = About.html(lesson, first);
    }

    /** The Console's About tab (MASON reads it from this static method when the Console opens). */
    private static volatile String info = "";

    public static Object getInfo() {
        return info;
    }

    /** How many other tumours have been asked for in this window. */
    private int tumoursAsked;

    private long nextTumourSeed() {
        tumoursAsked++;
        if (lesson != null) {
            return lesson.newTumourSeed(tumoursAsked);
        }
        return Math.floorMod(new SeedTree(scenario.config().seed()).child("new-tumour", tumoursAsked).seed(), 1_000_000L);
    }

    private static Scenario compile(Lesson lesson, Path file, List<String> overrides, Long seed, ConfigChange settings) {
        if (lesson != null) {
            return lesson.scenario(overrides, seed, settings);
        }
        var l = new ConfigLoader().load(file, overrides).with(c -> seed == null ? c : c.withSeed(seed)).with(settings);
        return Scenario.compile(l.config(), l.origins());
    }

    public static String getName() {
        return "her2sim";
    }

    @Override
    public Object getSimulationInspectedObject() {
        return settings;
    }

    @Override
    public void start() {
        scenario = compile(lesson, scenarioFile, overrides, seed, settings.change());
        live = new LiveData();
        state = new TumourModel(scenario, scenario.config().seed(), live);
        super.start();
        show((TumourModel) state);
        snapshotTaken = false;
        scheduleRepeatingImmediatelyAfter(s -> afterStep((TumourModel) s));
        SwingUtilities.invokeLater(() -> {
            charts.clear();
            events.setText("");
            status.setText("seed " + scenario.config().seed() + (lesson != null && seed == null ? " (the class's tumour)" : ""));
        });
    }

    /** On the model's thread after every step: end when the model stopped; the unattended snapshot. */
    private void afterStep(TumourModel m) {
        if (m.stopReason() != null) {
            m.kill(); // an empty schedule tells the Console the run is over
        }
        if (options.snapshotFile() != null && !options.snapshotBeforePlay() && !snapshotTaken
                && (m.now() >= options.snapshotAtDay() || m.stopReason() != null)) {
            snapshotTaken = true;
            SwingUtilities.invokeLater(() -> {
                // pause (as the Console's button does) so the picture shows the day asked for
                if (controller instanceof Console console) {
                    console.pressPause();
                }
                refresh();
                // let the display and charts paint what was just drawn, then capture
                new Timer(700, e -> {
                    ((Timer) e.getSource()).stop();
                    snapshotNow(options.snapshotFile());
                    screenCapture(options.snapshotFile());
                    if (options.exitAfterSnapshot()) {
                        System.exit(0);
                    }
                    if (controller instanceof Console console) {
                        console.pressPause(); // pressing pause again resumes
                    }
                }).start();
            });
        }
    }

    @Override
    public void init(Controller c) {
        super.init(c);
        String timeNote = lesson != null ? lesson.timeNote() : "";
        double compression = lesson != null ? lesson.timeCompression() : Double.NaN;
        frame = new JFrame((lesson != null ? lesson.spec().title() : "her2sim - " + scenario.config().name())
                + (timeNote.isEmpty() ? "" : String.format(Locale.ROOT, " (time compressed ×%.0f)", compression)));
        frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        JPanel left = new JPanel(new BorderLayout());
        if (scenario.config().space() == SpaceKind.LATTICE2D) {
            var lattice = scenario.config().lattice();
            // whole cells of at least one pixel, the lattice fitting in about 500 pixels (no scrolling)
            double scale = Math.max(1, Math.floor(500.0 / Math.max(lattice.width(), lattice.height())));
            display = new Display2D(lattice.width() * scale, lattice.height() * scale, this);
            display.setBackdrop(Color.WHITE);
            display.setClipping(false);
            display.attach(latticePortrayal, "Cells");
            left.add(display, BorderLayout.CENTER);
        } else {
            dish = new CompositionView(colours);
            left.add(dish, BorderLayout.CENTER);
        }
        charts = new LiveCharts(colours, scenario.drugs().drugs(), scenario.config().time().maxDays(),
                scenario.config().stop().maxCells());
        JPanel side = new JPanel();
        side.setLayout(new BoxLayout(side, BoxLayout.Y_AXIS));
        side.setPreferredSize(new Dimension(380, 600));
        legend.setLayout(new BoxLayout(legend, BoxLayout.Y_AXIS));
        legend.setBorder(BorderFactory.createTitledBorder("Cells by markers"));
        legend.setAlignmentX(Component.LEFT_ALIGNMENT);
        side.add(legend);
        side.add(controls());
        if (lesson != null) {
            List<String> text = new ArrayList<>();
            if (!timeNote.isEmpty()) {
                text.add(timeNote);
            }
            text.addAll(lesson.spec().predict());
            JTextArea q = new JTextArea(String.join("\n\n", text), 8, 30);
            q.setLineWrap(true);
            q.setWrapStyleWord(true);
            q.setEditable(false);
            JScrollPane sp = new JScrollPane(q);
            sp.setBorder(BorderFactory.createTitledBorder("Predict before you press play"));
            sp.setAlignmentX(Component.LEFT_ALIGNMENT);
            side.add(sp);
        }
        events.setEditable(false);
        JScrollPane ev = new JScrollPane(events);
        ev.setBorder(BorderFactory.createTitledBorder("Events"));
        ev.setAlignmentX(Component.LEFT_ALIGNMENT);
        side.add(ev);
        JPanel top = new JPanel(new BorderLayout());
        top.add(left, BorderLayout.CENTER);
        top.add(side, BorderLayout.EAST);
        if (c instanceof Console console) {
            // a student paces the run from this window; seeds change only when asked (New tumour)
            console.setIncrementSeedOnStop(false);
            console.setIncrementSeedOnPlay(false);
            pace = new PaceControls(console, scenario.config().time().dtDays(), scenario.config().time().maxDays(), lesson != null);
            frame.getContentPane().add(pace.panel, BorderLayout.NORTH);
            if (options.snapshotFile() != null && !options.snapshotBeforePlay()) {
                pace.fastest(); // an unattended picture need not wait for a student's pace
            }
        }
        frame.getContentPane().add(top, BorderLayout.CENTER);
        frame.getContentPane().add(charts.panel, BorderLayout.SOUTH);
        frame.pack();
        frame.setLocation(420, 0);
        c.registerFrame(frame);
        frame.setVisible(true);
        showDayZero();
        if (options.snapshotBeforePlay()) {
            new Timer(1500, e -> {
                ((Timer) e.getSource()).stop();
                refresh();
                snapshotNow(options.snapshotFile());
                screenCapture(options.snapshotFile());
                if (options.exitAfterSnapshot()) {
                    System.exit(0);
                }
            }).start();
        }
        // Swing side of the feed: charts, legend, dish, events, four times a second
        new Timer(250, e -> refresh()).start();
        if (options.play() && c instanceof Console console) {
            SwingUtilities.invokeLater(console::pressPlay);
        }
    }

    private PaceControls pace;

    /** Draws this model's cells: its lattice (when it has one) coloured by marker combination. */
    private void show(TumourModel m) {
        colourMap.setModel(m);
        if (m.latticeGrid() != null) {
            latticePortrayal.setField(m.latticeGrid());
            latticePortrayal.setMap(colourMap);
            display.reset();
            display.repaint();
        }
    }

    /** Before play: the tumour as it starts (same seed, same cells as the run will have), legend and all. */
    private void showDayZero() {
        TumourModel preview = new TumourModel(scenario, scenario.config().seed(), null);
        preview.start();
        preview.placeInitialCells();
        show(preview);
        LiveData first = new LiveData();
        first.observed(preview);
        List<LiveData.Point> p = LiveData.drain(first.points);
        if (dish != null && !p.isEmpty()) {
            dish.show(p.get(0));
        }
        p.forEach(point -> point.byMechanism().keySet().forEach(colours::of));
        updateLegend();
    }

    private JPanel controls() {
        JPanel p = new JPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        p.setBorder(BorderFactory.createTitledBorder("Treatment (applies now)"));
        p.setAlignmentX(Component.LEFT_ALIGNMENT);
        for (RegimenSpec.DoseSpec d : controlDrugs()) {
            String dosing = d.dosing();
            // the name on its own line and the dosing below: nothing cut off in a narrow panel
            JCheckBox box = new JCheckBox("<html><b>" + HtmlPage.esc(d.drug()) + "</b><br>" + HtmlPage.esc(dosing) + "</html>");
            box.setToolTipText(d.drug() + " " + dosing);
            box.putClientProperty("dose", d);
            drugBoxes.add(box);
            p.add(box);
        }
        JPanel buttons = new JPanel();
        JButton apply = new JButton("Give ticked drugs");
        apply.addActionListener(e -> applyDrugs());
        JButton newTumour = new JButton("New tumour");
        // the next of the tumours derived from the lesson's (or file's) seed: reproducible, and shown with its seed
        newTumour.addActionListener(e -> restartWith(nextTumourSeed()));
        JButton classTumour = new JButton("Class tumour");
        classTumour.addActionListener(e -> restartWith(null));
        JButton snap = new JButton("Snapshot");
        snap.addActionListener(e -> {
            Path f = Path.of("runs", "snapshot-" + scenario.config().name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".png");
            snapshotNow(f);
        });
        buttons.add(apply);
        buttons.add(snap);
        p.add(buttons);
        JPanel more = new JPanel();
        more.add(newTumour);
        more.add(classTumour);
        p.add(more);
        p.add(status);
        p.add(Box.createVerticalGlue());
        return p;
    }

    /** The lesson's control drugs, or every drug the scenario's regimen gives, with its dosing. */
    private List<RegimenSpec.DoseSpec> controlDrugs() {
        if (lesson != null && !lesson.spec().controls().isEmpty()) {
            return lesson.spec().controls();
        }
        Map<String, RegimenSpec.DoseSpec> seen = new LinkedHashMap<>();
        for (RegimenSpec.PhaseSpec ph : scenario.config().regimen().phases()) {
            for (RegimenSpec.DoseSpec d : ph.drugs()) {
                seen.putIfAbsent(d.drug(), d);
            }
        }
        return List.copyOf(seen.values());
    }

    private void applyDrugs() {
        List<RegimenSpec.DoseSpec> chosen = new ArrayList<>();
        for (JCheckBox b : drugBoxes) {
            if (b.isSelected()) {
                chosen.add((RegimenSpec.DoseSpec) b.getClientProperty("dose"));
            }
        }
        var phase = Lesson.phaseOf(scenario, chosen);
        synchronized (state.schedule) {
            ((TumourModel) state).replaceRegimen(phase);
        }
        status.setText("now: " + phase.name());
    }

    private void restartWith(Long newSeed) {
        seed = newSeed;
        if (controller instanceof Console console) {
            console.pressStop();
            console.pressPlay();
        }
    }

    /** Swing thread: new observations into the charts, legend, dish and event list. */
    private void refresh() {
        List<LiveData.Point> points = LiveData.drain(live.points);
        charts.add(points);
        if (!points.isEmpty() && dish != null) {
            dish.show(points.get(points.size() - 1));
        }
        String e;
        while ((e = live.events.poll()) != null) {
            events.append(e + "\n");
        }
        if (!points.isEmpty()) {
            updateLegend();
            LiveData.Point p = points.get(points.size() - 1);
            frame.setTitle(String.format(Locale.ROOT, "%s - day %.0f, %,d cells, %s",
                    lesson != null ? lesson.spec().title() : scenario.config().name(), p.day(), p.cells(), p.phase()));
        }
    }

    private void updateLegend() {
        // rebuilt only when a marker combination appears: rebuilding four times a second made
        // the legend flicker and left it unpainted whenever the screen was read mid-rebuild
        Map<String, Color> now = new LinkedHashMap<>(colours.all());
        if (now.equals(legendShown)) {
            return;
        }
        legendShown = now;
        legend.removeAll();
        now.forEach((m, c) -> {
            JLabel l = new JLabel(Palette.label(m), new Swatch(c), JLabel.LEFT);
            legend.add(l);
        });
        legend.revalidate();
        legend.repaint();
    }

    /** Writes the window (tumour, legend, controls, charts) to a PNG, atomically. */
    private void snapshotNow(Path file) {
        frame.validate(); // lay out a legend rebuilt since the last paint
        Component root = frame.getContentPane();
        BufferedImage img = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        root.printAll(g);
        g.dispose();
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            AtomicFiles.write(abs, out -> ImageIO.write(img, "png", out));
            status.setText("snapshot: " + file);
            System.out.println("snapshot " + abs);
        } catch (IOException ex) {
            status.setText("snapshot failed: " + ex.getMessage());
        }
    }

    /** What the X server shows of the window (java.awt.Robot), next to the snapshot as NAME-screen.png. */
    private void screenCapture(Path snapshot) {
        try {
            // paint what is pending now and flush it to the X server, so the capture sees it
            frame.validate();
            frame.getRootPane().paintImmediately(0, 0, frame.getRootPane().getWidth(), frame.getRootPane().getHeight());
            Toolkit.getDefaultToolkit().sync();
            BufferedImage img = new Robot().createScreenCapture(frame.getBounds());
            Path abs = snapshot.toAbsolutePath();
            Path target = abs.resolveSibling(abs.getFileName().toString().replaceFirst("\\.png$", "") + "-screen.png");
            AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
        } catch (AWTException | IOException | SecurityException ex) {
            status.setText("screen capture failed: " + ex.getMessage());
        }
    }

    @Override
    public void quit() {
        super.quit();
        if (frame != null) {
            frame.dispose();
        }
    }

    @Override
    public boolean validSimState(SimState s) {
        return s instanceof TumourModel;
    }

    /** A square of colour for the legend. */
    private record Swatch(Color colour) implements Icon {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            g.setColor(colour);
            g.fillRect(x, y, 14, 14);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x, y, 14, 14);
        }

        @Override
        public int getIconWidth() {
            return 15;
        }

        @Override
        public int getIconHeight() {
            return 15;
        }
    }
}
