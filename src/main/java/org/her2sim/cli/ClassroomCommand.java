package org.her2sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.her2sim.classroom.Classroom;
import org.her2sim.classroom.ClassroomServer;
import org.her2sim.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim classroom}: the lessons as a web page for a class, with a teacher's view. */
@Command(name = "classroom", mixinStandardHelpOptions = true,
        description = {"Serves the lessons as a web page: each student opens the address, joins with the class's code,",
                "writes a prediction and runs their own tumour, giving the lesson's drugs while it runs. The teacher's",
                "page (/teacher, with the teacher's code) shows every student's outcome, live, and exports it as CSV.",
                "Both codes are printed at start. Stop with Ctrl-C."})
final class ClassroomCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--lessons", paramLabel = "DIR", description = "Directory of lesson files (default: configs/lessons)")
    Path lessons;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this computer only; 0.0.0.0 for every network the computer is on)")
    String host;

    @Option(names = "--join-code", paramLabel = "CODE", description = "The code students join with (default: a random one)")
    String joinCode;

    @Option(names = "--max-students", defaultValue = "60", description = "Most students in the class (default: ${DEFAULT-VALUE})")
    int maxStudents;

    @Option(names = "--max-tumours", defaultValue = "40", description = "Most tumours one student may start (default: ${DEFAULT-VALUE})")
    int maxTumours;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port: expected 0 to 65535, got " + port);
        }
        if (maxStudents < 1 || maxTumours < 1) {
            throw new ConfigException("--max-students and --max-tumours: expected at least 1");
        }
        if (joinCode != null && !joinCode.matches("[A-Za-z0-9]{4,32}")) {
            throw new ConfigException("--join-code: expected 4 to 32 letters or digits");
        }
        Path dir = lessons != null ? lessons : Her2sim.home().resolve("configs/lessons");
        var limits = new Classroom.Limits(maxStudents, maxTumours, Classroom.Limits.DEFAULT.idlePauseMillis(),
                Classroom.Limits.DEFAULT.idleFreeMillis());
        if (port != 0) {
            // say why before the server starts (its own log would print a stack of its failure)
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new ConfigException("classroom: cannot listen on " + host + ":" + port + " (" + e.getMessage()
                        + "); choose another --port, or 0 for any free one");
            }
        }
        Classroom room = new Classroom(dir, joinCode, null, limits, System::currentTimeMillis, true);
        ClassroomServer server;
        try {
            server = new ClassroomServer(room, host, port);
        } catch (RuntimeException e) {
            room.close();
            throw new ConfigException("classroom: cannot listen on " + host + ":" + port + " (" + rootMessage(e) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> addresses = addresses(host);
        out.printf("Classroom open: students go to %s and join with code %s%n",
                String.join(" or ", addresses.stream().map(a -> "http://" + a + ":" + server.port() + "/").toList()), room.joinCode());
        out.printf("Teacher: http://%s:%d/teacher with code %s%n", addresses.get(0), server.port(), room.teacherCode());
        out.printf("%d lessons from %s. Stop with Ctrl-C.%n", room.lessonCount(), dir);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                System.err.println("classroom: stopped (" + e.getMessage() + ")");
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** The addresses students type: the host given, or every address of this computer's networks when listening on all. */
    static List<String> addresses(String host) {
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            return List.of(host.contains(":") ? "[" + host + "]" : host);
        }
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback()) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            out.add(a.getHostAddress());
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // fall through: the computer's name is the next best thing
        }
        if (out.isEmpty()) {
            out.add("THIS-COMPUTER'S-ADDRESS");
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
