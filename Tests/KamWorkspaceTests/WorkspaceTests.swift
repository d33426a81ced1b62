import Foundation
import KamModel
import KamStore
import KamWorkspace
import Testing

/// A temporary folder removed when released.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kam-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("Workspace")
struct WorkspaceTests {
    @Test("create writes kam.yaml with the defaults and an empty store")
    func create() throws {
        let tmp = try TemporaryFolder()
        let ws = try Workspace.create(at: tmp.url.appendingPathComponent("new"))
        #expect(FileManager.default.fileExists(atPath: ws.configurationURL.path))
        #expect(FileManager.default.fileExists(atPath: ws.storeURL.path))
        #expect(ws.storeURL.path.hasSuffix("/new/.kam/store.sqlite"))
        #expect(ws.configuration == .default)
        #expect(try ws.openStore().fetchCustomers().isEmpty)
    }

    @Test("the written kam.yaml parses back to the defaults MODEL.md gives")
    func defaults() throws {
        let c = try WorkspaceConfiguration.parse(WorkspaceConfiguration.defaultYAML, file: "kam.yaml")
        #expect(c == .default)
        #expect(c.metrics.churnWindowDays == 180)
        #expect(c.metrics.lifecycleNewDays == 90 && c.metrics.lifecycleActiveDays == 180)
        #expect(c.metrics.clvLifetimeYears == 3 && c.metrics.clvMargin == 1)
        #expect(c.metrics.segmentScheme == .fourClass && c.metrics.segmentThresholds == .terciles)
        #expect(c.validation.slaHours == 24)
        #expect(c.validation.totalMismatchTolerance == Decimal(exactText: "0.01"))
        #expect(c.validation.requiredFields["transaction"] == ["date", "amount"])
        #expect(try WorkspaceConfiguration.parse("", file: "kam.yaml") == .default)
    }

    @Test("settings in kam.yaml override the defaults; the others stay")
    func overrides() throws {
        let c = try WorkspaceConfiguration.parse("""
            store: data/kam.db
            metrics:
              churnWindowDays: 90
              segmentScheme: rfm-8
              clvMargin: 0.35
            validation:
              slaHours: 48
            """, file: "kam.yaml")
        #expect(c.store == "data/kam.db")
        #expect(c.metrics.churnWindowDays == 90 && c.metrics.lifecycleNewDays == 90)
        #expect(c.metrics.segmentScheme == .rfmEightClass)
        #expect(c.metrics.clvMargin == Decimal(exactText: "0.35"))
        #expect(c.validation.slaHours == 48 && c.validation.totalMismatchTolerance == Decimal(exactText: "0.01"))
    }

    @Test("a bad kam.yaml is reported with its path")
    func invalid() throws {
        for bad in ["metrics: [1, 2", "format: kam.config/9", "metrics:\n  segmentScheme: five-class"] {
            let error = #expect(throws: WorkspaceError.self) { _ = try WorkspaceConfiguration.parse(bad, file: "/w/kam.yaml") }
            #expect(error?.code == "invalid-configuration")
            #expect(error?.path == "/w/kam.yaml")
        }
    }

    @Test("the workspace is found from a nested folder, and from --workspace as a folder or its kam.yaml")
    func discovery() throws {
        let tmp = try TemporaryFolder()
        let ws = try Workspace.create(at: tmp.url)
        let deep = tmp.url.appendingPathComponent("a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        #expect(try Workspace.locate(from: deep).root == ws.root)
        #expect(try Workspace.locate(explicit: tmp.url.path).root == ws.root)
        #expect(try Workspace.locate(explicit: ws.configurationURL.path).root == ws.root)
    }

    @Test("no workspace above a folder is a clear error; --workspace on a plain folder too")
    func notFound() throws {
        let tmp = try TemporaryFolder()
        // Assumes no kam.yaml in the temporary folder's ancestors (true on CI and dev machines).
        let error = #expect(throws: WorkspaceError.self) { _ = try Workspace.locate(from: tmp.url) }
        #expect(error?.code == "no-workspace")
        let explicit = #expect(throws: WorkspaceError.self) { _ = try Workspace.locate(explicit: tmp.url.path) }
        #expect(explicit?.code == "not-a-workspace")
    }

    @Test("init refuses to overwrite an existing workspace")
    func noOverwrite() throws {
        let tmp = try TemporaryFolder()
        try Workspace.create(at: tmp.url)
        let error = #expect(throws: WorkspaceError.self) { try Workspace.create(at: tmp.url) }
        #expect(error?.code == "workspace-exists")
    }
}
