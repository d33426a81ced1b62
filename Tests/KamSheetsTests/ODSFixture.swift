import Foundation
import KamSheets
import KamZip

/// Builds small ODS packages on disk for the ODS reader tests.
enum ODSFixture {
    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
        xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" \
        office:version="1.3"
        """

    /// content.xml around `tables` (the children of office:spreadsheet) and `automaticStyles`.
    static func content(_ tables: String, automaticStyles: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(namespaces)><office:automatic-styles>\(automaticStyles)</office:automatic-styles>\
        <office:body><office:spreadsheet>\(tables)</office:spreadsheet></office:body></office:document-content>
        """
    }

    /// One table named `name` holding `rows`.
    static func table(_ name: String, _ rows: String, style: String? = nil) -> String {
        "<table:table table:name=\"\(name)\"\(style.map { " table:style-name=\"\($0)\"" } ?? "")>\(rows)</table:table>"
    }

    /// Writes a package and returns its path (in a fresh temporary folder).
    static func write(content: String, styles: String? = nil, settings: String? = nil,
                      mimetype: String? = "application/vnd.oasis.opendocument.spreadsheet",
                      name: String = "fixture.ods") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kam-ods-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        let w = try ZipWriter(path: path)
        if let mimetype { try w.add("mimetype", bytes: Array(mimetype.utf8), compress: false) }
        try w.add("content.xml", bytes: Array(content.utf8))
        if let styles {
            try w.add("styles.xml", bytes: Array("<office:document-styles \(namespaces)>\(styles)</office:document-styles>".utf8))
        }
        if let settings {
            try w.add("settings.xml", bytes: Array("<office:document-settings \(namespaces)><office:settings>\(settings)</office:settings></office:document-settings>".utf8))
        }
        try w.commit()
        return path
    }

    /// Opens a package written from `tables`.
    static func open(_ tables: String, automaticStyles: String = "", styles: String? = nil, settings: String? = nil,
                     limits: SpreadsheetLimits = .default) throws -> any SpreadsheetReader {
        let path = try write(content: content(tables, automaticStyles: automaticStyles), styles: styles, settings: settings)
        return try Workbooks.open(path, limits: limits)
    }

    /// The shared corpus folder (env KAM_CORPUS, else ../shared/corpus next to the package root).
    static var corpus: String {
        if let env = ProcessInfo.processInfo.environment["KAM_CORPUS"], !env.isEmpty { return env }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    }
}

extension SpreadsheetReader {
    /// Every cell of the sheet at `index`, keyed by A1 reference.
    func cellMap(_ index: Int = 0) throws -> [String: Cell] {
        var out: [String: Cell] = [:]
        for c in try readSheet(index).cells { out[c.reference.a1] = c }
        return out
    }
}
