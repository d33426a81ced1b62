/// Writes a workbook as a new file, XLSX or ODS by the path's extension, replacing any file atomically.
///
/// Built on the stream writers (`XLSXStreamWriter`, `ODSStreamWriter`): one code path for small and huge
/// workbooks. Timing `kam convert` times this.
public enum WorkbookWriter {
    /// The stream writer for `path`'s extension (`.xlsx`/`.xlsm` → XLSX, `.ods` → ODS).
    /// - Throws: `SpreadsheetError.Reason.invalidValue` for another extension, `.writeFailed`.
    public static func streamWriter(
        for path: String, styles: [CellStyle] = [CellStyle()], dateSystem: SpreadsheetDate.System = .from1900,
        definedNames: [DefinedName] = [], options: WriteOptions = WriteOptions()
    ) throws(SpreadsheetError) -> any SheetStreamWriter {
        switch SpreadsheetFormat.forExtension(of: path) {
        case .xlsx?:
            return try XLSXStreamWriter(path: path, styles: styles, dateSystem: dateSystem,
                                        definedNames: definedNames, options: options)
        case .ods?:
            return try ODSStreamWriter(path: path, styles: styles, dateSystem: dateSystem,
                                       definedNames: definedNames, options: options)
        case nil:
            throw SpreadsheetError(.invalidValue("the file name must end in .xlsx, .xlsm or .ods"), file: path)
        }
    }

    /// Writes `workbook` to `path`, replacing an existing file only once the new one is complete.
    /// - Throws: `SpreadsheetError`: `.invalidValue` (unknown extension, a sheet name the format refuses, no
    ///   visible sheet), `.invalidCellReference` (a cell out of bounds or two cells at one position),
    ///   `.writeFailed`. On error the target is untouched.
    public static func write(_ workbook: Workbook, to path: String,
                             options: WriteOptions = WriteOptions()) throws(SpreadsheetError) {
        let writer = try streamWriter(for: path, styles: workbook.styles, dateSystem: workbook.dateSystem,
                                      definedNames: workbook.definedNames, options: options)
        do {
            for sheet in workbook.sheets { try writer.writeSheet(sheet) }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Writes every sheet `reader` holds to `path` (a conversion), in bounded memory where the source allows:
    /// sheets whose layout is known before their cells (delimited text has none) stream from the reader's cursor
    /// straight into the writer; others are read one at a time, since their layout (merges, widths, row heights)
    /// is complete only after their last cell and the writer needs it first.
    /// - Throws: `SpreadsheetError` from the reader or the writer; on error the target is untouched.
    public static func copy(_ reader: any SpreadsheetReader, to path: String,
                            options: WriteOptions = WriteOptions()) throws(SpreadsheetError) {
        let writer = try streamWriter(for: path, styles: reader.styles, dateSystem: reader.dateSystem,
                                      definedNames: reader.definedNames, options: options)
        do {
            for info in reader.sheets {
                guard reader is DelimitedTextReader else {
                    try writer.writeSheet(try reader.readSheet(info.index))
                    continue
                }
                try writer.beginSheet(Sheet(name: info.name, visibility: info.visibility, kind: info.kind))
                var cursor = try reader.cursor(sheet: info.index)
                var row: [Cell] = []
                while let cell = try cursor.next() {
                    if let first = row.first, first.row != cell.row {
                        try writer.writeRow(row)
                        row.removeAll(keepingCapacity: true)
                    }
                    row.append(cell)
                }
                if !row.isEmpty { try writer.writeRow(row) }
                try writer.endSheet()
            }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }
}
