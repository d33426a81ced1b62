/// Why a spreadsheet could not be read or written, and where: file, part, sheet, cell.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why.
    public enum Reason: Sendable, Equatable {
        /// The file is neither XLSX nor ODS (e.g. a CSV or text renamed).
        case notASpreadsheet(String)
        /// A password-protected OOXML file (an OLE compound file holding `EncryptedPackage`).
        case encrypted
        /// A legacy binary Excel workbook (`.xls`, BIFF in an OLE compound file).
        case legacyXLS
        /// The file is empty.
        case emptyFile
        /// The path is a folder, missing or unreadable.
        case cannotOpen(String)
        /// The zip container is damaged (the zip layer's message).
        case corruptArchive(String)
        /// A part the format requires is missing.
        case missingPart(String)
        /// A part is not well-formed XML.
        case malformedXML(line: Int, column: Int, message: String)
        /// A DTD, an entity declaration or an entity reference other than the five predefined ones.
        case forbiddenXML(String)
        /// A bound of `SpreadsheetLimits` or `ZipLimits` was passed.
        case limitExceeded(limit: String, maximum: Int, actual: Int)
        /// No sheet of that name.
        case sheetNotFound(String)
        /// A cell reference that is not one, or lies outside the sheet bounds.
        case invalidCellReference(String)
        /// A value of the wrong kind where the format requires another.
        case invalidValue(String)
        /// Writing failed (disk full, read-only folder, …).
        case writeFailed(String)
        /// The file changed on disk while kam worked on it.
        case changedOnDisk
        /// The file is open in a spreadsheet program (its lock file is there): writing it now would be undone, or
        /// lost, when that program saves its own copy.
        case openElsewhere(lockFile: String)
    }

    public var reason: Reason
    /// The workbook's path.
    public var file: String
    /// The package part (zip entry), if the error is inside one.
    public var part: String?
    /// The sheet, if known.
    public var sheet: String?
    /// The cell in A1 form, if known.
    public var cell: String?

    /// Creates an error.
    public init(_ reason: Reason, file: String, part: String? = nil, sheet: String? = nil, cell: String? = nil) {
        self.reason = reason
        self.file = file
        self.part = part
        self.sheet = sheet
        self.cell = cell
    }

    /// A stable kebab-case code.
    public var code: String {
        switch reason {
        case .notASpreadsheet: return "not-a-spreadsheet"
        case .encrypted: return "encrypted"
        case .legacyXLS: return "legacy-xls"
        case .emptyFile: return "empty-file"
        case .cannotOpen: return "cannot-open"
        case .corruptArchive: return "corrupt-archive"
        case .missingPart: return "missing-part"
        case .malformedXML: return "malformed-xml"
        case .forbiddenXML: return "forbidden-xml"
        case .limitExceeded: return "limit-exceeded"
        case .sheetNotFound: return "sheet-not-found"
        case .invalidCellReference: return "invalid-cell-reference"
        case .invalidValue: return "invalid-value"
        case .writeFailed: return "write-failed"
        case .changedOnDisk: return "changed-on-disk"
        case .openElsewhere: return "open-elsewhere"
        }
    }

    /// `file [part] sheet!cell`, as much as is known.
    public var location: String {
        var s = file
        if let part { s += " [\(part)]" }
        if let sheet { s += " \(sheet)" + (cell.map { "!\($0)" } ?? "") } else if let cell { s += " \(cell)" }
        return s
    }

    /// The English one-line reason (the CLI renders zh/en from `code` and fields).
    public var detail: String {
        switch reason {
        case .notASpreadsheet(let m): return "not an XLSX or ODS workbook (\(m))"
        case .encrypted: return "the workbook is password-protected (encrypted OOXML); save it without a password"
        case .legacyXLS: return "a legacy .xls workbook; save it as .xlsx first"
        case .emptyFile: return "the file is empty"
        case .cannotOpen(let m): return "cannot open: \(m)"
        case .corruptArchive(let m): return "damaged archive: \(m)"
        case .missingPart(let p): return "missing part \(p)"
        case .malformedXML(let l, let c, let m):
            return l > 0 ? "malformed XML at line \(l), column \(c): \(m)" : "malformed XML: \(m)"
        case .forbiddenXML(let m): return "forbidden XML construct: \(m)"
        case .limitExceeded(let l, let max, let a): return "limit exceeded: \(l) (maximum \(max), found \(a))"
        case .sheetNotFound(let s): return "no sheet named \(s)"
        case .invalidCellReference(let r): return "invalid cell reference \(r)"
        case .invalidValue(let m): return "invalid value: \(m)"
        case .writeFailed(let m): return "cannot write: \(m)"
        case .changedOnDisk: return "the file changed on disk while kam was working; nothing was written"
        case .openElsewhere(let lock):
            return "the file is open in a spreadsheet program (lock file \(lock)); close it and try again — if no program has it open, delete the lock file; nothing was written"
        }
    }

    public var description: String { "\(location): \(detail)" }
}
