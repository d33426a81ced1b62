import Foundation

/// Edits an existing XLSX or ODS file in place without losing what kam does not model: parts kam does not touch
/// are copied raw; a touched sheet is rewritten in one streaming pass that keeps every element it does not
/// understand; shared strings and styles are appended to, never rebuilt; references move with inserted and
/// deleted rows and columns everywhere they occur.
///
/// Operations are recorded and applied at `save`, in order; cell positions are those the sheet has at the
/// moment each operation is asked for (after the operations before it).
public final class WorkbookEditor {
    /// The file being edited.
    public let path: String
    private let backend: any EditorBackend
    /// The operations asked for so far.
    public private(set) var operations: [EditOperation] = []
    private var names: [String]
    /// The file as it was when opened (or last saved over): the edits apply to those bytes, so a save over a
    /// file that differs from them would drop another program's save.
    private var opened: FileFingerprint

    /// Opens a workbook for editing.
    /// - Throws: `SpreadsheetError` as `Workbooks.open` does.
    public init(path: String) throws(SpreadsheetError) {
        self.path = path
        // Taken before the package is read, so that a save landing while it is read counts as a change too.
        opened = FileFingerprint(path: path)
        let reader = try Workbooks.open(path)
        switch reader.format {
        case .xlsx where reader is XLSXReader:
            backend = try XLSXEditorBackend(path: path)
        case .ods:
            // The reader has already checked the package and outlined content.xml: reuse it.
            if let r = reader as? ODSReader {
                backend = try ODSEditorBackend(reader: r)
            } else {
                backend = try ODSEditorBackend(path: path)
            }
        default:
            throw SpreadsheetError(.notASpreadsheet("only .xlsx and .ods files can be edited in place"), file: path)
        }
        names = backend.sheetNames
    }

    /// Sheet names in workbook order, including sheets added by this editor.
    public var sheetNames: [String] { names }

    private func check(_ sheet: String) throws(SpreadsheetError) {
        guard names.contains(sheet) else { throw SpreadsheetError(.sheetNotFound(sheet), file: path, sheet: sheet) }
    }

    private func checkCell(_ sheet: String, _ ref: CellReference) throws(SpreadsheetError) {
        try check(sheet)
        guard ref.row >= 0, ref.row <= CellReference.maxRow, ref.column >= 0, ref.column <= CellReference.maxColumn else {
            throw SpreadsheetError(.invalidCellReference("row \(ref.row + 1), column \(ref.column + 1)"), file: path, sheet: sheet)
        }
    }

    /// Sets a cell's value (nil clears it), keeping its style unless `style` is given.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidCellReference`.
    public func set(_ sheet: String, _ cell: CellReference, _ value: CellValue?, formula: String? = nil,
                    style: StyleChange? = nil) throws(SpreadsheetError) {
        try checkCell(sheet, cell)
        if case .string(let s)? = value, s.utf8.count > 32_767 * 4 {
            throw SpreadsheetError(.invalidValue("text longer than a cell holds (32,767 characters)"), file: path,
                                   sheet: sheet, cell: cell.a1)
        }
        operations.append(.setCell(sheet: sheet, cell: cell, value: value, formula: formula, style: style))
    }

    /// Changes a cell's look, leaving its value alone.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidCellReference`.
    public func setStyle(_ sheet: String, _ cell: CellReference, _ style: StyleChange) throws(SpreadsheetError) {
        try checkCell(sheet, cell)
        operations.append(.setStyle(sheet: sheet, cell: cell, style: style))
    }

    /// Attaches a comment to a cell.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidCellReference`.
    public func setComment(_ sheet: String, _ cell: CellReference, _ text: String, author: String = "kam") throws(SpreadsheetError) {
        try checkCell(sheet, cell)
        operations.append(.setComment(sheet: sheet, cell: cell, text: text, author: author))
    }

    /// Empties a cell, keeping its style.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidCellReference`.
    public func clear(_ sheet: String, _ cell: CellReference) throws(SpreadsheetError) {
        try set(sheet, cell, nil)
    }

    /// Writes rows of values starting at `row`, `column` (nil entries leave a cell as it is).
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidCellReference`.
    public func writeRows(_ sheet: String, at row: Int, column: Int = 0, _ rows: [[CellValue?]]) throws(SpreadsheetError) {
        for (i, values) in rows.enumerated() {
            for (j, v) in values.enumerated() where v != nil {
                try set(sheet, CellReference(row: row + i, column: column + j), v)
            }
        }
    }

    /// Inserts `count` rows before 0-based row `at`; they take the style of row `styleFrom` if given.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidValue` for a count out of bounds.
    public func insertRows(_ sheet: String, at: Int, count: Int, styleFrom: Int? = nil) throws(SpreadsheetError) {
        try check(sheet)
        try checkCount(sheet, at, count, max: CellReference.maxRow)
        operations.append(.insertRows(sheet: sheet, at: at, count: count, styleFrom: styleFrom))
    }

    /// Deletes `count` rows starting at 0-based row `at`.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidValue`.
    public func deleteRows(_ sheet: String, at: Int, count: Int) throws(SpreadsheetError) {
        try check(sheet)
        try checkCount(sheet, at, count, max: CellReference.maxRow)
        operations.append(.deleteRows(sheet: sheet, at: at, count: count))
    }

    /// Inserts `count` columns before 0-based column `at`.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidValue`.
    public func insertColumns(_ sheet: String, at: Int, count: Int) throws(SpreadsheetError) {
        try check(sheet)
        try checkCount(sheet, at, count, max: CellReference.maxColumn)
        operations.append(.insertColumns(sheet: sheet, at: at, count: count))
    }

    /// Deletes `count` columns starting at 0-based column `at`.
    /// - Throws: `SpreadsheetError.sheetNotFound` or `.invalidValue`.
    public func deleteColumns(_ sheet: String, at: Int, count: Int) throws(SpreadsheetError) {
        try check(sheet)
        try checkCount(sheet, at, count, max: CellReference.maxColumn)
        operations.append(.deleteColumns(sheet: sheet, at: at, count: count))
    }

    private func checkCount(_ sheet: String, _ at: Int, _ count: Int, max: Int) throws(SpreadsheetError) {
        guard at >= 0, at <= max, count > 0, count <= max + 1 else {
            throw SpreadsheetError(.invalidValue("position \(at + 1) and count \(count) are out of bounds"), file: path, sheet: sheet)
        }
    }

    /// Appends an empty worksheet.
    /// - Throws: `SpreadsheetError.invalidValue` when the name is taken or not allowed.
    public func addSheet(_ name: String) throws(SpreadsheetError) {
        let forbidden = CharacterSet(charactersIn: "[]:*?/\\")
        guard !name.isEmpty, name.count <= 31, name.rangeOfCharacter(from: forbidden) == nil,
              !names.contains(where: { $0.lowercased() == name.lowercased() }) else {
            throw SpreadsheetError(.invalidValue("sheet name \(name) is empty, too long, taken or has [ ] : * ? / \\"), file: path, sheet: name)
        }
        names.append(name)
        operations.append(.addSheet(name: name))
    }

    /// Moves a sheet to a 0-based position in the tab order (e.g. 0: first).
    /// - Throws: `SpreadsheetError.sheetNotFound`.
    public func moveSheet(_ name: String, to position: Int) throws(SpreadsheetError) {
        try check(name)
        let p = max(0, min(position, names.count - 1))
        names.removeAll { $0 == name }
        names.insert(name, at: p)
        operations.append(.moveSheet(name: name, to: p))
    }

    /// Shows or hides a sheet.
    /// - Throws: `SpreadsheetError.sheetNotFound`.
    public func setVisibility(_ sheet: String, _ visibility: SheetVisibility) throws(SpreadsheetError) {
        try check(sheet)
        operations.append(.setVisibility(sheet: sheet, visibility: visibility))
    }

    /// Creates or replaces a defined name.
    /// - Throws: `SpreadsheetError.invalidValue` for a name LibreOffice would refuse.
    public func setDefinedName(_ name: String, formula: String, localSheet: String? = nil) throws(SpreadsheetError) {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_",
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "." }) else {
            throw SpreadsheetError(.invalidValue("defined name \(name) must be letters, digits and underscores"), file: path)
        }
        if let localSheet { try check(localSheet) }
        operations.append(.setDefinedName(name: name, formula: formula, localSheet: localSheet))
    }

    /// Asks for recorded operations again, in order (e.g. a plan computed elsewhere), checking each as its own
    /// method would.
    /// - Throws: `SpreadsheetError` as the methods do.
    public func apply(_ ops: [EditOperation]) throws(SpreadsheetError) {
        for op in ops {
            switch op {
            case .setCell(let s, let c, let v, let f, let st): try set(s, c, v, formula: f, style: st)
            case .setStyle(let s, let c, let st): try setStyle(s, c, st)
            case .setComment(let s, let c, let t, let a): try setComment(s, c, t, author: a)
            case .insertRows(let s, let at, let n, let from): try insertRows(s, at: at, count: n, styleFrom: from)
            case .deleteRows(let s, let at, let n): try deleteRows(s, at: at, count: n)
            case .insertColumns(let s, let at, let n): try insertColumns(s, at: at, count: n)
            case .deleteColumns(let s, let at, let n): try deleteColumns(s, at: at, count: n)
            case .addSheet(let n): try addSheet(n)
            case .moveSheet(let n, let p): try moveSheet(n, to: p)
            case .setVisibility(let s, let v): try setVisibility(s, v)
            case .setDefinedName(let n, let f, let l): try setDefinedName(n, formula: f, localSheet: l)
            }
        }
    }

    /// Writes the edited workbook as a new file at `output` (replaced atomically if it exists).
    /// - Throws: `SpreadsheetError` (`.writeFailed`, `.changedOnDisk`, or a reading error of the source).
    public func save(to output: String) throws(SpreadsheetError) {
        try write(to: output, backup: .none)
    }

    /// Replaces the original file atomically with the edited workbook, keeping the previous version as `backup`
    /// (default: `FILE.bak` beside it).
    /// - Throws: `SpreadsheetError`; the original is untouched when anything fails.
    public func saveReplacingOriginal(backup: String? = nil) throws(SpreadsheetError) {
        try write(to: path, backup: backup.map { .at($0) } ?? .beside)
    }

    private func write(to output: String, backup: AtomicReplacement.Backup) throws(SpreadsheetError) {
        // Replacing a workbook a spreadsheet program has open: that program saves its own copy over ours later.
        if output == path, let lock = Self.lockFile(of: path) { throw SpreadsheetError(.openElsewhere(lockFile: lock), file: path) }
        let fingerprint = opened
        do {
            // Another program saved the file since it was opened (the backend read the package then): write
            // nothing rather than lose its edits. Checked once the new file is written and again just before it
            // takes the name.
            let unchanged = { [path] () throws(SpreadsheetError) in
                if FileFingerprint(path: path) != fingerprint { throw SpreadsheetError(.changedOnDisk, file: path) }
            }
            try AtomicReplacement.replace(output, backup: backup, verify: unchanged) { temp in
                try backend.write(operations, to: temp)
                try unchanged()
            }
            if output == path { opened = FileFingerprint(path: path) }
        } catch let e as SpreadsheetError {
            // A failed write names the file being written (not the source, not the hidden temporary beside it):
            // "disk full" or "read-only" is about that folder.
            if case .writeFailed = e.reason, e.file != output {
                throw SpreadsheetError(e.reason, file: output, part: e.part)
            }
            throw e
        } catch {
            throw SpreadsheetError(.writeFailed(String(describing: error)), file: output)
        }
    }
}

@available(*, unavailable)
extension WorkbookEditor: Sendable {}

extension WorkbookEditor {
    /// The lock file a spreadsheet program keeps beside a workbook it has open, if there is one: LibreOffice's
    /// `.~lock.NAME#`, Excel's and WPS's `~$NAME` (long names lose their first two characters).
    public static func lockFile(of path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path, name = url.lastPathComponent
        var candidates = [".~lock.\(name)#", "~$\(name)"]
        if name.count > 2 { candidates.append("~$" + name.dropFirst(2)) }
        for c in candidates where FileManager.default.fileExists(atPath: dir + "/" + c) { return dir + "/" + c }
        return nil
    }
}

/// Size and modification time of a file, to notice that another program saved it meanwhile.
struct FileFingerprint: Equatable {
    var size: Int
    var modified: Date?
    init(path: String) {
        let a = try? FileManager.default.attributesOfItem(atPath: path)
        size = (a?[.size] as? Int) ?? -1
        modified = a?[.modificationDate] as? Date
    }
}
