import Foundation
import KamZip

/// Builds a zip package in a temporary file beside `path` and moves it into place atomically: the last step of
/// every writer.
enum ZipPackageCommit {
    /// Runs `fill` on a fresh `ZipWriter`, commits it, and replaces `path` with the result.
    /// - Throws: `SpreadsheetError` from `fill`, the zip layer (`.writeFailed`) or `AtomicReplacement`.
    static func write(to path: String, options: WriteOptions,
                      _ fill: (ZipWriter) throws(SpreadsheetError) -> Void) throws(SpreadsheetError) {
        do {
            try AtomicReplacement.replace(path, backup: options.backup) { temp in
                let zip: ZipWriter
                do throws(ZipError) { zip = try ZipWriter(path: temp) } catch {
                    throw SpreadsheetError(zip: error, file: path)
                }
                zip.compressionLevel = min(max(options.compressionLevel, 1), 9)
                do {
                    try fill(zip)
                    try zip.commit()
                } catch let error as ZipError {
                    zip.discard()
                    throw SpreadsheetError(zip: error, file: path)
                } catch {
                    zip.discard()
                    throw error
                }
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(.writeFailed("\(error)"), file: path)
        }
    }

    /// Adds `bytes` under `name`, wrapping the zip layer's error.
    static func add(_ zip: ZipWriter, _ name: String, _ bytes: [UInt8], file: String,
                    compress: Bool = true) throws(SpreadsheetError) {
        do { try zip.add(name, bytes: bytes, compress: compress) } catch { throw SpreadsheetError(zip: error, file: file) }
    }

    /// Adds the contents of a scratch file under `name` (read at commit), wrapping the zip layer's error.
    static func add(_ zip: ZipWriter, _ name: String, contentsOf scratch: String,
                    file: String) throws(SpreadsheetError) {
        do { try zip.add(name, contentsOf: scratch) } catch { throw SpreadsheetError(zip: error, file: file) }
    }
}

/// Sheet-name rules shared by the writers.
enum SheetNameRules {
    /// Checks a name for `format`: not empty, unique ignoring case, and for XLSX at most 31 characters without
    /// `[ ] : * ? / \` and not starting or ending with `'` (Excel refuses to open such a file).
    /// - Throws: `.invalidValue` naming the rule broken.
    static func check(_ name: String, format: SpreadsheetFormat, taken: inout Set<String>,
                      file: String) throws(SpreadsheetError) {
        func refuse(_ why: String) -> SpreadsheetError {
            SpreadsheetError(.invalidValue("sheet name \"\(name)\" \(why)"), file: file, sheet: name)
        }
        if name.isEmpty { throw refuse("is empty") }
        if format == .xlsx {
            if name.utf16.count > 31 { throw refuse("is longer than 31 characters, which Excel refuses") }
            if name.contains(where: { "[]:*?/\\".contains($0) }) { throw refuse("contains one of [ ] : * ? / \\") }
            if name.hasPrefix("'") || name.hasSuffix("'") { throw refuse("starts or ends with an apostrophe") }
        }
        guard taken.insert(name.lowercased()).inserted else { throw refuse("is used twice") }
    }
}
