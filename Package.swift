// swift-tools-version:6.0
import PackageDescription

/// Gloss: a terminal workbench for qualitative coding of chat transcripts.
///
/// The targets are the layers of the design, lowest first:
/// - `GlossCore`: model, file formats and storage (no terminal).
/// - `GlossAnalysis`: pure functions over the model (frequencies, figures, agreement).
/// - `CNcursesw` + `GlossTerminal`: the screen buffer, widgets and a thin ncurses backend.
/// - `GlossApp`: application state, update and keymap.
/// - `gloss`: the executable that wires them up; `gloss-bench` prints performance figures.
let package = Package(
    name: "Gloss",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gloss", targets: ["gloss"]),
        .executable(name: "gloss-bench", targets: ["gloss-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            path: "Sources/CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "GlossCore"),
        .target(name: "GlossAnalysis", dependencies: ["GlossCore"]),
        .target(name: "GlossTerminal", dependencies: ["CNcursesw"]),
        .target(name: "GlossApp", dependencies: ["GlossCore", "GlossAnalysis", "GlossTerminal"]),
        .executableTarget(
            name: "gloss",
            dependencies: [
                "GlossCore", "GlossAnalysis", "GlossTerminal", "GlossApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gloss-bench", dependencies: ["GlossCore", "GlossAnalysis", "GlossApp", "GlossTerminal"]),
        // The mutation fuzzer the parser fuzz tests share (test support only; no product uses it).
        .target(name: "GlossFuzzSupport", path: "Tests/GlossFuzzSupport"),
        .testTarget(name: "GlossCoreTests", dependencies: ["GlossCore", "GlossFuzzSupport"]),
        .testTarget(name: "GlossAnalysisTests", dependencies: ["GlossAnalysis", "GlossCore"], exclude: ["reference"]),
        .testTarget(name: "GlossTerminalTests", dependencies: ["GlossTerminal", "GlossFuzzSupport"]),
        .testTarget(name: "GlossAppTests", dependencies: ["GlossApp", "GlossCore"], exclude: ["Goldens"]),
        .testTarget(name: "GlossCLITests", dependencies: ["GlossCore", "GlossFuzzSupport"], exclude: ["reference", "Goldens"]),
    ]
)
