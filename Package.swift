// swift-tools-version:6.0
// kam — key-account manager: spreadsheets (XLSX/ODS) ↔ one canonical customer model.
// Layers point one way: C wrappers → KamZip/KamXML → KamSheets → model, store, mapping, … → KamCLI → kam.
import PackageDescription

// The streaming XML scanner and sheet cursors touch class state per byte and per token; the runtime's dynamic
// exclusivity checks cost a third of XLSX read time there, so these targets are built with them off (static
// enforcement still applies at compile time).
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "kam",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kam", targets: ["kam"]),
        .library(name: "KamSheets", targets: ["KamSheets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, each wrapped by exactly one Swift target.
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "KamZip", dependencies: ["CLibZip"]),
        .target(name: "KamXML", dependencies: ["CLibXML2"], swiftSettings: hotPathSettings),
        // Spreadsheets, knowing nothing of customers.
        .target(name: "KamSheets", dependencies: ["KamZip", "KamXML"], swiftSettings: hotPathSettings),
        // The canonical customer model: Foundation only, no C, no spreadsheets.
        .target(name: "KamModel"),
        // The metrics of MODEL.md over the model: periods, rates, segments, lifecycle.
        .target(name: "KamAnalytics", dependencies: ["KamModel"]),
        // Templates: the binding language, filling templates in place and reading filled copies back.
        .target(name: "KamTemplates", dependencies: ["KamSheets", "KamModel", "KamAnalytics"]),
        // Validation rules and findings over the model.
        .target(name: "KamValidation", dependencies: ["KamModel"]),
        // Legacy sheets → canonical fields: header recognition, header-row detection, value normalisers, profiles.
        // Traditional → Simplified folding uses Foundation's ICU transforms (no system ICU target needed).
        .target(name: "KamMapping", dependencies: [
            "KamSheets", "KamModel", .product(name: "Yams", package: "Yams"),
        ]),
        // Legacy workbooks → customer drafts with provenance, and the findings reading them gives.
        .target(name: "KamImport", dependencies: ["KamSheets", "KamMapping", "KamModel", "KamValidation"]),
        // Two-way sync of the key-account workbook with the store (kam export FILE, kam sync).
        .target(name: "KamSync", dependencies: ["KamImport", "KamMapping", "KamStore", "KamValidation", "KamSheets",
                                               "KamModel"]),
        // The customer store: a protocol the rest of kam uses, and its SQLite implementation on GRDB.
        .target(name: "KamStore", dependencies: ["KamModel", .product(name: "GRDB", package: "GRDB.swift"),
                                          .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // A workspace: kam.yaml (configuration) beside its store, found from the current directory upward.
        .target(name: "KamWorkspace", dependencies: ["KamModel", "KamSheets", "KamStore", .product(name: "Yams", package: "Yams")]),
        // Wire formats of CONTRACTS.md; no logic.
        .target(name: "KamContracts"),
        // The command line.
        .target(name: "KamCLI", dependencies: [
            "KamSheets", "KamContracts", "KamModel", "KamValidation", "KamStore", "KamWorkspace", "KamMapping",
            "KamImport", "KamAnalytics", "KamTemplates", "KamSync",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kam", dependencies: ["KamCLI"]),
        // libFuzzer targets (scripts/fuzz.sh builds them with -sanitize=fuzzer); the ordinary build replays inputs.
        .executableTarget(name: "kam-fuzz", dependencies: ["KamSheets", "KamMapping", "KamXML", "KamZip"],
                          path: "Fuzz/kam-fuzz"),
        // Test support (not a product).
        .target(name: "KamTestSupport", dependencies: ["KamSheets", "KamContracts", "KamZip", "KamXML"],
                path: "Tests/KamTestSupport"),
        .testTarget(name: "KamZipTests", dependencies: ["KamZip", "KamTestSupport"]),
        .testTarget(name: "KamXMLTests", dependencies: ["KamXML"]),
        .testTarget(name: "KamSheetsTests", dependencies: ["KamSheets", "KamXML", "KamTestSupport"]),
        .testTarget(name: "KamConformanceTests", dependencies: ["KamSheets", "KamContracts", "KamTestSupport",
                                                     "KamCLI"]),
        .testTarget(name: "KamEndToEndTests", dependencies: ["KamContracts", "KamTestSupport", "KamModel", "KamSheets", "KamZip"]),
        .testTarget(name: "KamMappingTests", dependencies: ["KamMapping", "KamSheets", "KamModel"]),
        .testTarget(name: "KamImportTests", dependencies: ["KamImport", "KamMapping", "KamSheets", "KamModel",
                                                          "KamValidation"]),
        .testTarget(name: "KamSyncTests", dependencies: ["KamSync", "KamModel", "KamStore"]),
        .testTarget(name: "KamModelTests", dependencies: ["KamModel"]),
        .testTarget(name: "KamCLITests", dependencies: ["KamCLI", "KamSheets", "KamModel", "KamValidation", "KamTestSupport"]),
        .testTarget(name: "KamStoreTests", dependencies: ["KamStore", "KamModel", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KamAnalyticsTests", dependencies: ["KamAnalytics", "KamModel"]),
        .testTarget(name: "KamTemplatesTests", dependencies: ["KamTemplates", "KamAnalytics", "KamSheets", "KamModel"]),
        .testTarget(name: "KamWorkspaceTests", dependencies: ["KamWorkspace", "KamStore", "KamModel"]),
    ]
)
