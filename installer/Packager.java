// SPDX-License-Identifier: Apache-2.0

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds MOSS Desktop's app image and native installer for the OS it runs on, with the JDK's jdeps, jlink
 * and jpackage. {@code ./mvnw -Ppackage package} runs it after the jar is built; by hand (after
 * {@code ./mvnw package}): {@code java installer/Packager.java --type app-image}.
 *
 * <p>Steps: copy the jars named by the main jar's Class-Path, keeping only this platform's native
 * libraries (those of ONNX Runtime, DJL's tokenizers and sqlite-jdbc go into the image's native/ folder,
 * JavaFX's beside its jar, where they load in place); add the demo model; jlink a runtime of the modules jdeps finds in the jars;
 * jpackage the app image; jpackage the installer from that image. Prints what each part costs. A
 * single-file program, so every OS runs the same steps without a shell.
 */
final class Packager {

    static final String MAIN_CLASS = "org.mossdesktop.app.Main";
    static final String MAIN_JAR = "moss-desktop.jar";
    /** The ahead-of-time cache in the image's app folder. */
    static final String AOT_CACHE = "moss-desktop.aot";
    /**
     * The modification time of the files in the image's app folder (seconds since 1970). The AOT cache holds
     * each jar's time and refuses a class path whose jars changed; jpackage's .deb gets the jars with the time
     * they were copied, so postinst sets them back to this one.
     */
    static final long AOT_JAR_TIME = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final String DEMO_MODEL = "assets/models/moss-demo";
    static final String VENDOR = "MOSS Desktop";
    static final String DESCRIPTION = "Chat with the MOSS language model on your own computer";
    static final String COPYRIGHT = "Copyright 2026 the MOSS Desktop authors. Apache-2.0";
    static final String MAC_BUNDLE_ID = "org.mossdesktop.MossDesktop";
    /** The deb's Maintainer address (jpackage puts VENDOR before it). */
    static final String MAINTAINER_EMAIL = "maintainers@mossdesktop.org";
    /** Windows Installer's identity of MOSS Desktop across versions: never change it. */
    static final String WINDOWS_UPGRADE_UUID = "f6da80bc-a33a-4ad2-8c9c-8f03dfdca531";

    /**
     * Modules jdeps cannot see, because only data or a service lookup reaches them: Chinese dates and
     * numbers (CLDR zh), and GBK/Big5 for Chinese Windows consoles and files.
     */
    static final List<String> EXTRA_MODULES = List.of("jdk.localedata", "jdk.charsets");

    /** ONNX Runtime's TensorRT provider needs TensorRT, which we neither use nor ship. */
    static final Set<String> UNUSED_NATIVES =
            Set.of("libonnxruntime_providers_tensorrt.so", "onnxruntime_providers_tensorrt.dll");

    /**
     * The .deb's Depends (filled into installer/linux/control): the packages of the libraries the image's native code links directly ({@code objdump
     * -p}: NEEDED), Debian 12 names (Ubuntu 24.04's t64 packages provide them). Not jpackage's own list, which
     * pins the build machine's whole ldd closure (libjpeg62-turbo, libsystemd0, ...). glibc 2.34: the
     * tokenizers library; libstdc++ GLIBCXX_3.4.22: ONNX Runtime. xdg-utils: postinst's menu entry.
     */
    static final String DEB_DEPENDS = String.join(
            ", ",
            "libc6 (>= 2.34)",
            "libgcc-s1",
            "libstdc++6 (>= 6)",
            "libasound2",
            "libx11-6",
            "libxext6",
            "libxi6",
            "libxrender1",
            "libxtst6",
            "libxxf86vm1",
            "libgl1",
            "libfontconfig1",
            "libfreetype6",
            "libglib2.0-0",
            "libgtk-3-0",
            "libgdk-pixbuf-2.0-0",
            "libcairo2",
            "libcairo-gobject2",
            "libpango-1.0-0",
            "libpangocairo-1.0-0",
            "libpangoft2-1.0-0",
            "libatk1.0-0",
            "xdg-utils");

    /** The same for the .rpm, Fedora and RHEL names (gtk3 brings pango, cairo, gdk-pixbuf2, atk, glib2). */
    static final String RPM_REQUIRES = String.join(
            ", ",
            "glibc >= 2.34",
            "libstdc++",
            "alsa-lib",
            "libX11",
            "libXext",
            "libXi",
            "libXrender",
            "libXtst",
            "libXxf86vm",
            "mesa-libGL",
            "fontconfig",
            "freetype",
            "gtk3",
            "xdg-utils");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path project = Path.of(options.getOrDefault("project", ".")).toAbsolutePath().normalize();
        Platform platform = options.containsKey("os")
                ? new Platform(options.get("os"), options.getOrDefault("arch", "x64"))
                : Platform.current();
        Flavour flavour = Flavour.of(options.getOrDefault("onnxruntime", "onnxruntime"));
        String version = numericVersion(options.getOrDefault("version", "0.1.0"));
        List<String> types = types(options.getOrDefault("type", "auto"), platform);
        boolean dryRun = Boolean.parseBoolean(options.getOrDefault("dry-run", "false"));
        boolean aot = Boolean.parseBoolean(options.getOrDefault("aot", "true"));
        new Packager(project, platform, flavour, version, dryRun, aot).build(types);
    }

    enum Flavour {
        CPU,
        CUDA;

        static Flavour of(String onnxruntimeArtifact) {
            return onnxruntimeArtifact.endsWith("_gpu") ? CUDA : CPU;
        }

        /** What the flavour adds to file names, so both can sit in one folder. */
        String suffix() {
            return this == CPU ? "" : "-cuda";
        }
    }

    /** Where ours of a dependency's native libraries go in the image. */
    enum Placement {
        /** Stay in the jar; the library unpacks them itself (JNA: small, and rarely loaded). */
        IN_JAR,
        /** $APPDIR/native, where a system property in {@link #javaOptions} points the library. */
        NATIVE_FOLDER,
        /** Where JavaFX looks before unpacking into ~/.openjfx: beside its jar (Windows: ../bin). */
        JAVAFX_FOLDER
    }

    /**
     * Where a dependency keeps each platform's native libraries ({@code root} + {@code directory}), and where
     * ours go. A null {@code directory}: the jar is built for one platform, all its natives are ours.
     */
    record NativeLibraries(
            String jarPrefix, String root, Function<Platform, String> directory, Placement placement) {

        static final List<NativeLibraries> KNOWN = List.of(
                new NativeLibraries(
                        "onnxruntime", "ai/onnxruntime/native/", Platform::onnxruntime, Placement.NATIVE_FOLDER),
                new NativeLibraries("tokenizers-", "native/lib/", Platform::djl, Placement.NATIVE_FOLDER),
                new NativeLibraries("sqlite-jdbc-", "org/sqlite/native/", Platform::sqlite, Placement.NATIVE_FOLDER),
                new NativeLibraries("jna-", "com/sun/jna/", Platform::jna, Placement.IN_JAR),
                new NativeLibraries("javafx-", "", null, Placement.JAVAFX_FOLDER));

        static NativeLibraries of(String jarName) {
            return KNOWN.stream()
                    .filter(n -> jarName.startsWith(n.jarPrefix()))
                    .findFirst()
                    .orElse(null);
        }

        boolean isOurs(String entry, Platform platform) {
            return directory == null || entry.startsWith(root + directory.apply(platform) + "/");
        }

        String where(Platform platform) {
            return root + (directory == null ? "" : directory.apply(platform));
        }
    }

    record Platform(String os, String arch) {

        static Platform current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String os = name.contains("win") ? "windows" : name.contains("mac") ? "mac" : "linux";
            String machine = System.getProperty("os.arch");
            String arch = machine.equals("aarch64") || machine.equals("arm64") ? "aarch64" : "x64";
            return new Platform(os, arch);
        }

        boolean linux() {
            return os.equals("linux");
        }

        boolean windows() {
            return os.equals("windows");
        }

        boolean mac() {
            return os.equals("mac");
        }

        String onnxruntime() {
            return (mac() ? "osx" : windows() ? "win" : "linux") + "-" + arch;
        }

        String djl() {
            return (mac() ? "osx" : windows() ? "win" : "linux") + "-" + (arch.equals("x64") ? "x86_64" : arch)
                    + "/cpu";
        }

        String sqlite() {
            return (mac() ? "Mac" : windows() ? "Windows" : "Linux") + "/" + (arch.equals("x64") ? "x86_64" : arch);
        }

        /** The file name of native library {@code name} on this platform. */
        String libraryFile(String name) {
            return windows() ? name + ".dll" : mac() ? "lib" + name + ".dylib" : "lib" + name + ".so";
        }

        String jna() {
            return (mac() ? "darwin" : windows() ? "win32" : "linux") + "-" + (arch.equals("x64") ? "x86-64" : arch);
        }
    }

    private final Path project;
    private final Platform platform;
    private final Flavour flavour;
    private final String version;
    private final Path target;
    private final Path work;
    private final Path input;
    private final Path installers;
    private final String name;
    private final boolean dryRun;
    private final boolean aot;

    Packager(Path project, Platform platform, Flavour flavour, String version, boolean dryRun, boolean aot) {
        this.project = project;
        this.platform = platform;
        this.flavour = flavour;
        this.version = version;
        this.dryRun = dryRun;
        this.aot = aot;
        this.target = project.resolve("target");
        this.work = target.resolve("jpackage").resolve(flavour.name().toLowerCase(Locale.ROOT));
        this.input = work.resolve("input");
        this.installers = target.resolve("installer");
        // Linux names its launcher, package and /opt folder after the package; the others show the name.
        this.name = platform.linux() ? "moss-desktop" : "MOSS Desktop";
    }

    void build(List<String> types) throws IOException {
        System.out.printf(
                "Packaging MOSS Desktop %s (%s, %s-%s) as %s%n",
                version, flavour, platform.os(), platform.arch(), String.join(", ", types));
        deleteRecursively(work);
        Files.createDirectories(input);
        Files.createDirectories(installers);

        long start = System.nanoTime();
        List<String> classPath = copyJars();
        copyDemoModel();
        Set<String> modules = modules(classPath);
        if (dryRun) {
            // Another OS's jpackage arguments, to read on this one (--os windows|mac --dry-run true).
            System.out.println("jpackage " + quoted(appImageArgs(work.resolve("runtime"))));
            for (String type : types) {
                if (!type.equals("app-image")) {
                    System.out.println("jpackage " + quoted(installerArgs(type, image(), work)));
                }
            }
            return;
        }
        linkRuntime(modules);
        run("jpackage", appImageArgs(work.resolve("runtime")));
        Path image = image();
        System.out.printf("App image %s in %.1f s%n", image, seconds(start));
        if (aot) {
            trainAotCache(image);
        }
        printSizes(image);

        for (String type : types) {
            if (type.equals("app-image")) {
                continue;
            }
            long installerStart = System.nanoTime();
            Path installer = installer(type, image);
            System.out.printf(
                    "Installer %s: %s in %.1f s%n", installer, megabytes(Files.size(installer)), seconds(installerStart));
        }
    }

    /**
     * The launcher's JVM options. The bundled models are in {@code moss.models} (the demo model in its
     * moss-demo folder; the engine also finds it from the jar's location); ONNX
     * Runtime, DJL's tokenizers and sqlite-jdbc load their libraries from the image's native/ folder
     * (instead of unpacking them on every start, or once per user, into a temporary or cache folder that
     * may be mounted noexec).
     */
    private List<String> javaOptions() {
        return List.of(
                "--enable-native-access=ALL-UNNAMED",
                // The Java heap holds conversations and the window (models live in native memory). A fixed cap
                // keeps compressed oops on where a quarter of RAM would exceed 32 GB (128 GB+ machines, common
                // beside two GPUs), and the AOT cache, trained with them on, loads only where they are on.
                "-Xmx8g",
                "-Dmoss.models=$APPDIR/assets/models",
                "-Donnxruntime.native.path=$APPDIR/native",
                "-DRUST_LIBRARY_PATH=$APPDIR/native/" + platform.libraryFile("tokenizers"),
                "-Dorg.sqlite.lib.path=$APPDIR/native");
    }

    /** Copies the main jar and its Class-Path, keeping this platform's natives only; returns the jars. */
    private List<String> copyJars() throws IOException {
        Path mainJar = target.resolve(MAIN_JAR);
        if (!Files.exists(mainJar)) {
            throw new IllegalStateException(mainJar + " is missing: run ./mvnw package first");
        }
        Files.createDirectories(input.resolve("native"));
        Files.createDirectories(input.resolve("lib"));
        List<String> copied = new ArrayList<>();
        System.out.printf("%-44s %10s %10s%n", "jar with natives", "jar", "ours");
        // The manifest, not target/lib, says what the app uses: target/lib keeps jars of earlier builds.
        for (String entry : Stream.concat(Stream.of(MAIN_JAR), classPath(mainJar).stream()).toList()) {
            Path jar = target.resolve(entry);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
            }
            if (isEmpty(jar)) {
                continue; // JavaFX's platform-less placeholders and Guava's listenablefuture: no classes
            }
            NativeLibraries libraries = NativeLibraries.of(jar.getFileName().toString());
            long nativeBytes = copyJar(jar, input.resolve(entry), libraries);
            if (nativeBytes > 0) {
                System.out.printf(
                        "%-44s %10s %10s%n", jar.getFileName(), megabytes(Files.size(jar)), megabytes(nativeBytes));
            }
            copied.add(entry);
        }
        return copied;
    }

    /** The image folder (below $APPDIR) that natives of {@code placement} are unpacked into. */
    private Path folder(Placement placement) {
        return switch (placement) {
            case NATIVE_FOLDER -> input.resolve("native");
            case JAVAFX_FOLDER -> input.resolve(platform.windows() ? "bin" : "lib");
            case IN_JAR -> throw new IllegalArgumentException("natives that stay in their jar have no folder");
        };
    }

    private static List<String> classPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
            return classPath == null ? List.of() : Arrays.asList(classPath.trim().split("\\s+"));
        }
    }

    private static boolean isEmpty(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().allMatch(e -> e.getName().startsWith("META-INF/"));
        }
    }

    private static boolean isNative(String entry) {
        return entry.endsWith(".so")
                || entry.endsWith(".dll")
                || entry.endsWith(".dylib")
                || entry.endsWith(".jnilib")
                || entry.endsWith(".a")
                || entry.contains(".dSYM/");
    }

    /**
     * Copies {@code jar} without other platforms' native libraries and debug symbols, unpacking ours where
     * {@code libraries} says the library loads them from a folder. Entries are
     * stored, not deflated: the installer compresses the whole image, and xz over class files beats xz
     * over deflated jars by half (the installed image grows instead). Returns the bytes of our natives.
     */
    private long copyJar(Path jar, Path copy, NativeLibraries libraries) throws IOException {
        long ours = 0;
        boolean foreign = false;
        try (ZipFile zip = new ZipFile(jar.toFile());
                OutputStream file = Files.newOutputStream(copy);
                ZipOutputStream out = new ZipOutputStream(file)) {
            out.setMethod(ZipOutputStream.STORED);
            for (ZipEntry entry : zip.stream().toList()) {
                String entryName = entry.getName();
                String fileName = entryName.substring(entryName.lastIndexOf('/') + 1);
                if (isNative(entryName) && libraries == null) {
                    foreign = true;
                } else if (isNative(entryName)) {
                    if (!libraries.isOurs(entryName, platform)
                            || entryName.contains(".dSYM/")
                            || UNUSED_NATIVES.contains(fileName)) {
                        continue;
                    }
                    ours += entry.getSize();
                    if (libraries.placement() != Placement.IN_JAR) {
                        Path unpacked = Files.createDirectories(folder(libraries.placement())).resolve(fileName);
                        if (Files.exists(unpacked)) {
                            throw new IllegalStateException("two libraries unpack " + fileName);
                        }
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, unpacked);
                        }
                        continue;
                    }
                } else if (libraries != null
                        && libraries.directory() != null
                        && entry.isDirectory()
                        && entryName.startsWith(libraries.root())) {
                    continue; // the per-platform folders
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(bytes);
                ZipEntry stored = new ZipEntry(entryName);
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(bytes.length);
                stored.setCompressedSize(bytes.length);
                stored.setCrc(crc.getValue());
                stored.setTime(entry.getTime());
                out.putNextEntry(stored);
                out.write(bytes);
                out.closeEntry();
            }
        }
        if (libraries != null && libraries.directory() != null && ours == 0) {
            throw new IllegalStateException(
                    jar.getFileName() + " has no native library for " + platform + " under " + libraries.where(platform));
        }
        if (foreign) {
            System.out.println("warning: " + jar.getFileName() + " carries native libraries, maybe for every"
                    + " platform: add it to Packager.NativeLibraries.KNOWN");
        }
        return ours;
    }

    /**
     * Copies assets/models/moss-demo into the image at the same path below the main jar's folder ($APPDIR),
     * where the engine's DemoModel looks beside the installed jar; {@code moss.models} names its parent.
     */
    private void copyDemoModel() throws IOException {
        Path demo = project.resolve(DEMO_MODEL);
        if (!Files.isDirectory(demo)) {
            System.out.println("warning: " + demo + " is missing: this package has no demo model");
            return;
        }
        copyRecursively(demo, input.resolve(DEMO_MODEL));
    }

    /** The modules the jars use (jdeps over all of them) plus those only data reaches (EXTRA_MODULES). */
    private Set<String> modules(List<String> classPath) {
        List<String> jdeps = new ArrayList<>(List.of(
                "--print-module-deps",
                "--ignore-missing-deps",
                "--multi-release",
                Integer.toString(Runtime.version().feature()),
                "--module-path",
                input.resolve("lib").toString()));
        classPath.forEach(jar -> jdeps.add(input.resolve(jar).toString()));
        String found = run("jdeps", jdeps).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("Warning"))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("jdeps printed no modules"));
        Set<String> modules = new TreeSet<>(Arrays.asList(found.trim().split(",")));
        modules.addAll(EXTRA_MODULES);
        System.out.println("Runtime modules: " + String.join(",", modules));
        return modules;
    }

    private void linkRuntime(Set<String> modules) {
        long start = System.nanoTime();
        Path runtime = work.resolve("runtime");
        run(
                "jlink",
                List.of(
                        "--add-modules",
                        String.join(",", modules),
                        "--include-locales=en,zh",
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        "--output",
                        runtime.toString()));
        System.out.printf("Runtime %s in %.1f s%n", megabytes(sizeOf(runtime)), seconds(start));
    }

    private Path image() {
        return work.resolve("image").resolve(platform.mac() ? name + ".app" : name);
    }

    private List<String> appImageArgs(Path runtime) throws IOException {
        Path resources = resources();
        List<String> args = new ArrayList<>(common(resources));
        args.addAll(List.of(
                "--type",
                "app-image",
                "--dest",
                work.resolve("image").toString(),
                "--input",
                input.toString(),
                "--main-jar",
                MAIN_JAR,
                "--main-class",
                MAIN_CLASS,
                "--runtime-image",
                runtime.toString(),
                "--icon",
                icon().toString()));
        javaOptions().forEach(option -> args.addAll(List.of("--java-options", option)));
        if (platform.windows()) {
            // A console twin of the launcher, so `moss-desktop chat` works in cmd and PowerShell.
            args.addAll(List.of(
                    "--add-launcher",
                    "moss-desktop=" + resources.resolve("moss-desktop-console.properties")));
        }
        if (platform.mac()) {
            args.addAll(List.of(
                    "--mac-package-identifier",
                    MAC_BUNDLE_ID,
                    "--mac-package-name",
                    "MOSS Desktop",
                    "--mac-app-category",
                    "public.app-category.productivity"));
        }
        return args;
    }

    private Path installer(String type, Path image) throws IOException {
        Path dest = work.resolve("installer-" + type);
        deleteRecursively(dest);
        run("jpackage", installerArgs(type, image, dest));
        try (Stream<Path> files = Files.list(dest)) {
            Path built = files.filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("jpackage wrote no " + type));
            // The CUDA flavour gets its own file name; it installs as the same app, replacing the CPU one.
            // On macOS the name carries our version, not the bundle version jpackage was given.
            String fileName = built.getFileName()
                    .toString()
                    .replaceFirst("^" + Pattern.quote(name), name + flavour.suffix())
                    .replace(appVersion(), version);
            return Files.move(built, installers.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<String> installerArgs(String type, Path image, Path dest) throws IOException {
        Path resources = resources();
        List<String> args = new ArrayList<>(common(resources));
        args.addAll(List.of(
                "--type",
                type,
                "--app-image",
                image.toString(),
                "--dest",
                dest.toString(),
                "--license-file",
                project.resolve("LICENSE").toString()));
        if (platform.linux()) {
            args.addAll(List.of(
                    "--linux-package-name",
                    "moss-desktop",
                    "--linux-deb-maintainer",
                    MAINTAINER_EMAIL,
                    "--linux-app-category",
                    type.equals("deb") ? "utils" : "Applications/Productivity",
                    "--linux-rpm-license-type",
                    "Apache-2.0",
                    "--linux-shortcut"));
            if (type.equals("rpm")) {
                args.addAll(List.of("--linux-package-deps", RPM_REQUIRES)); // the .deb's are in its control
            }
        }
        if (platform.windows()) {
            args.addAll(List.of(
                    "--win-per-user-install",
                    "--win-menu",
                    "--win-menu-group",
                    "MOSS Desktop",
                    "--win-shortcut",
                    "--win-shortcut-prompt",
                    "--win-dir-chooser",
                    "--win-upgrade-uuid",
                    WINDOWS_UPGRADE_UUID));
        }
        if (platform.mac()) {
            args.addAll(List.of("--mac-package-identifier", MAC_BUNDLE_ID, "--mac-package-name", "MOSS Desktop"));
        }
        return args;
    }

    private List<String> common(Path resources) {
        return List.of(
                "--name",
                name,
                "--app-version",
                appVersion(),
                "--vendor",
                VENDOR,
                "--description",
                flavour == Flavour.CPU ? DESCRIPTION : DESCRIPTION + " (NVIDIA CUDA build)",
                "--copyright",
                COPYRIGHT,
                "--resource-dir",
                resources.toString());
    }

    /**
     * This OS's jpackage resources (installer/linux, windows or macos), with the version filled into
     * Info.plist and the .deb's Depends into control. jpackage refuses a macOS bundle version below 1, so
     * CFBundleVersion gets {@link #macBundleVersion} while the version users see stays ours.
     */
    private Path resources() throws IOException {
        Path resources = work.resolve("resources");
        if (!Files.exists(resources)) {
            String os = platform.mac() ? "macos" : platform.os();
            copyRecursively(project.resolve("installer").resolve(os), resources);
            if (platform.linux()) {
                // Named after the launcher, the menu icon is taken from here for the package too.
                Files.copy(icon(), resources.resolve(name + ".png"));
            }
            fill(resources.resolve("Info.plist"), "MOSS_DESKTOP_VERSION", version);
            fill(resources.resolve("control"), "MOSS_DESKTOP_DEPENDS", DEB_DEPENDS);
            fill(resources.resolve("postinst"), "MOSS_DESKTOP_JAR_TIME", Long.toString(AOT_JAR_TIME));
        }
        return resources;
    }

    /** The version jpackage gets: ours, except on macOS below 1.0. */
    private String appVersion() {
        return platform.mac() ? macBundleVersion(version) : version;
    }

    private static void fill(Path template, String placeholder, String value) throws IOException {
        if (Files.exists(template)) {
            Files.writeString(template, Files.readString(template).replace(placeholder, value));
        }
    }

    /** 0.y.z → 1.y.z: macOS bundle versions start at 1 (jpackage enforces it); 1.0 and later pass as is. */
    static String macBundleVersion(String version) {
        return version.startsWith("0.") ? "1" + version.substring(1) : version;
    }

    private Path icon() {
        Path icons = project.resolve("assets/icons");
        return platform.windows()
                ? icons.resolve("moss-desktop.ico")
                : platform.mac() ? icons.resolve("moss-desktop.icns") : icons.resolve("png/moss-desktop-512.png");
    }

    /** The installer types for {@code --type}; "auto" is what a user of this OS double-clicks. */
    static List<String> types(String type, Platform platform) {
        if (!type.equals("auto")) {
            return List.of(type.split(","));
        }
        if (platform.windows()) {
            return List.of("msi");
        }
        if (platform.mac()) {
            return List.of("dmg");
        }
        return onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** jpackage takes 1 to 3 numbers: 0.1.0-SNAPSHOT → 0.1.0. */
    static String numericVersion(String version) {
        return version.replaceFirst("[^0-9.].*$", "").replaceFirst("\\.$", "");
    }

    private void printSizes(Path image) throws IOException {
        Map<String, Long> parts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(image)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = image.relativize(file);
                String part = relative.toString().replace('\\', '/');
                if (part.contains("runtime/")) {
                    part = "runtime (jlink)";
                } else if (part.contains("/assets/models/")) {
                    part = "demo model";
                } else if (!part.endsWith(".jar") && !isNative(part)) {
                    part = "launcher, icon, config";
                } else {
                    part = relative.getFileName().toString();
                }
                parts.merge(part, Files.size(file), Long::sum);
            }
        }
        long total = parts.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%nApp image: %s, the largest parts:%n", megabytes(total));
        parts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(15)
                .forEach(part -> System.out.printf("  %-48s %10s%n", part.getKey(), megabytes(part.getValue())));
        System.out.println();
    }

    /**
     * Java's ahead-of-time cache (JEP 483/514/515): the classes the app loads and links, and the profiles of
     * its hot methods, from one training run of the image's own launcher ({@code -Dmoss.aotTraining=true}:
     * the window opens, the demo model loads, a synthetic reply streams, the app quits), written into the
     * image and named in its launchers' options. Halves the cold start (docs/PERFORMANCE.md, "UI"). The
     * window needs a display: without one (DISPLAY unset on Linux) or when the run fails, the image is
     * built without the cache and says so; the app is the same, it starts more slowly.
     */
    private void trainAotCache(Path image) throws IOException {
        if (platform.linux() && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            System.out.println("AOT cache: skipped, no display for the training run (set DISPLAY, e.g. xvfb-run)");
            return;
        }
        Path appDir = platform.mac()
                ? image.resolve("Contents/app")
                : platform.windows() ? image.resolve("app") : image.resolve("lib/app");
        Path launcher = platform.mac()
                ? image.resolve("Contents/MacOS").resolve(name)
                : platform.windows() ? image.resolve(name + ".exe") : image.resolve("bin").resolve(name);
        Path cache = appDir.resolve(AOT_CACHE);
        // The launcher reads its JVM options from its .cfg only (not JDK_JAVA_OPTIONS): the training run gets
        // them there, and the final .cfg names the cache.
        Path config = appDir.resolve(name + ".cfg");
        String options = Files.readString(config);
        try (Stream<Path> files = Files.walk(appDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(AOT_JAR_TIME, TimeUnit.SECONDS));
            }
        }
        Path home = Files.createTempDirectory("moss-aot-training");
        long start = System.nanoTime();
        boolean trained = false;
        try {
            Files.writeString(
                    config, withJavaOptions(options, "-XX:AOTCacheOutput=" + cache, "-Dmoss.aotTraining=true"));
            ProcessBuilder training = new ProcessBuilder(launcher.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("aot-training.log").toFile());
            training.environment().put("MOSS_DESKTOP_HOME", home.toString());
            Process process = training.start();
            boolean done = process.waitFor(5, TimeUnit.MINUTES);
            if (!done) {
                process.destroyForcibly().waitFor();
            }
            trained = done && process.exitValue() == 0 && Files.isRegularFile(cache);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the AOT training run", e);
        } finally {
            Files.writeString(config, options);
            deleteRecursively(home);
        }
        if (!trained) {
            Files.deleteIfExists(cache);
            System.out.println(
                    "AOT cache: the training run failed, the image has none; see " + work.resolve("aot-training.log"));
            return;
        }
        try (Stream<Path> configs = Files.list(appDir)) {
            for (Path launcherConfig : configs.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                Files.writeString(
                        launcherConfig,
                        // Where the cache cannot be used (a jar changed), the app starts without it, silently.
                        withJavaOptions(
                                Files.readString(launcherConfig),
                                "-XX:AOTCache=$APPDIR/" + AOT_CACHE,
                                "-Xlog:aot*=off"));
            }
        }
        System.out.printf("AOT cache %s (%s) in %.1f s%n", cache, megabytes(Files.size(cache)), seconds(start));
    }

    /** A launcher .cfg with JVM options added at the top of its [JavaOptions]. */
    static String withJavaOptions(String config, String... options) {
        StringBuilder lines = new StringBuilder("[JavaOptions]\n");
        for (String option : options) {
            lines.append("java-options=").append(option).append('\n');
        }
        if (!config.contains("[JavaOptions]\n")) {
            throw new IllegalStateException("no [JavaOptions] in the launcher's .cfg:\n" + config);
        }
        return config.replace("[JavaOptions]\n", lines.toString());
    }

    /** Runs a JDK tool in this JVM; fails with its output when it fails. Returns what it printed. */
    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is missing: run this with a full JDK 25"));
        StringWriter output = new StringWriter();
        int status;
        try (PrintWriter out = new PrintWriter(output)) {
            status = provider.run(out, out, args.toArray(String[]::new));
        }
        if (status != 0) {
            throw new IllegalStateException(tool + " failed (" + status + "): " + String.join(" ", args) + "\n" + output);
        }
        return output.toString();
    }

    private static String quoted(List<String> args) {
        return String.join(" ", args.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a).toList());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: java installer/Packager.java [--project DIR]"
                        + " [--version V] [--onnxruntime onnxruntime|onnxruntime_gpu]"
                        + " [--type auto|app-image|deb|rpm|msi|exe|dmg|pkg[,…]] [--aot true|false]"
                        + " [--os linux|windows|mac --arch x64|aarch64 --dry-run true]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
