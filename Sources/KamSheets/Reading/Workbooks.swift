import KamZip

/// Opening workbook files of either format.
public enum Workbooks {
    /// Opens a workbook, telling XLSX from ODS by its content (not its name).
    /// - Throws: `SpreadsheetError` (`.cannotOpen`, `.emptyFile`, `.encrypted`, `.legacyXLS`, `.notASpreadsheet`,
    ///   `.corruptArchive`, `.missingPart`, `.malformedXML`, `.forbiddenXML`, `.limitExceeded`).
    public static func open(_ path: String, limits: SpreadsheetLimits = .default,
                            zipLimits: ZipLimits = .default) throws(SpreadsheetError) -> any SpreadsheetReader {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ext == "csv" || ext == "tsv" || ext == "tab" {
            try SpreadsheetFormat.sniffReadable(path)
            return try DelimitedTextReader(path: path)
        }
        try SpreadsheetFormat.sniff(path)
        let archive: ZipArchive
        do {
            archive = try ZipArchive(path: path, limits: zipLimits)
        } catch {
            throw SpreadsheetError(zip: error, file: path)
        }
        try PackageEntryNames.check(archive, file: path)
        if archive.entry("[Content_Types].xml") != nil {
            return try XLSXReader(archive: archive, path: path, limits: limits)
        }
        if archive.entry("content.xml") != nil {
            return try ODSReader(archive: archive, path: path, limits: limits)
        }
        throw SpreadsheetError(.notASpreadsheet("a zip archive with neither [Content_Types].xml nor content.xml"),
                               file: path)
    }
}

extension SpreadsheetError {
    /// The spreadsheet-level form of a zip-layer error.
    public init(zip e: ZipError, file: String) {
        let reason: Reason
        switch e.reason {
        case .cannotOpen(let m): reason = .cannotOpen(m)
        case .corrupt(let m), .damagedEntry(let m): reason = .corruptArchive(m)
        case .unsupported(let m): reason = .corruptArchive("unsupported entry: " + m)
        case .limitExceeded(let l, let max, let a): reason = .limitExceeded(limit: l, maximum: max, actual: a)
        case .writeFailed(let m): reason = .writeFailed(m)
        }
        self.init(reason, file: file, part: e.entry)
    }
}
