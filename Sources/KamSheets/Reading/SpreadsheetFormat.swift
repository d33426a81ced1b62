import Foundation

/// The container formats kam reads and writes.
public enum SpreadsheetFormat: String, Sendable, Hashable {
    case xlsx
    case ods

    /// The format a file name's extension asks for (`.xlsx`, `.xlsm` → xlsx; `.ods` → ods).
    public static func forExtension(of path: String) -> SpreadsheetFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx", "xlsm", "xltx", "xltm": return .xlsx
        case "ods", "ots": return .ods
        default: return nil
        }
    }

    /// Looks at a file's first bytes and tells what it is, before any zip parsing.
    /// - Throws: `SpreadsheetError` for an empty file, a folder, an encrypted or legacy `.xls` compound file,
    ///   or bytes that are not a zip archive.
    public static func sniff(_ path: String) throws(SpreadsheetError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SpreadsheetError(.cannotOpen("no such file"), file: path)
        }
        if isDir.boolValue { throw SpreadsheetError(.cannotOpen("it is a folder"), file: path) }
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetError(.cannotOpen("permission denied"), file: path)
        }
        defer { try? fh.close() }
        let head = [UInt8]((try? fh.read(upToCount: 8)) ?? Data())
        if head.isEmpty { throw SpreadsheetError(.emptyFile, file: path) }
        if head.starts(with: [0x50, 0x4B]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: either an encrypted OOXML package or a BIFF workbook.
            let sample = [UInt8]((try? fh.readToEnd()) ?? Data())
            let marker = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            if contains(sample, marker) { throw SpreadsheetError(.encrypted, file: path) }
            throw SpreadsheetError(.legacyXLS, file: path)
        }
        throw SpreadsheetError(.notASpreadsheet("the file does not start with a zip signature"), file: path)
    }

    /// Checks that a path is a readable, non-empty file (for formats without a signature, such as CSV).
    /// - Throws: `SpreadsheetError` (`.cannotOpen`, `.emptyFile`).
    public static func sniffReadable(_ path: String) throws(SpreadsheetError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SpreadsheetError(.cannotOpen("no such file"), file: path)
        }
        if isDir.boolValue { throw SpreadsheetError(.cannotOpen("it is a folder"), file: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SpreadsheetError(.cannotOpen("permission denied"), file: path)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { throw SpreadsheetError(.emptyFile, file: path) }
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        var i = 0
        while i <= hay.count - needle.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
