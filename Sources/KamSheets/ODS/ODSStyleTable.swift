import KamXML

/// The automatic styles of a new ODS `content.xml`: cell styles (`ce1`, …) built from `Workbook.styles`,
/// data styles (`N1`, …) translated from Excel number format codes, plus column (`co…`) and row (`ro…`)
/// styles for widths and heights. Everything is deduplicated and built the first time a cell asks.
final class ODSStyleTable {
    /// What a cell of a given style and value needs.
    struct Entry {
        /// The `table:style-name`, or nil for the default look.
        var name: String?
        /// What the number format shows (decides `percentage` vs `float`).
        var kind: NumberFormatCode.Kind
    }

    private struct CellStyleKey: Hashable {
        var style: CellStyle
        var dataStyle: String?
    }

    let styles: [CellStyle]
    private var memo: [Int: Entry] = [:]
    private(set) var cellStyles: [(name: String, style: CellStyle, dataStyle: String?)] = []
    private var cellStyleNames: [CellStyleKey: String] = [:]
    private(set) var dataStyles: [(name: String, code: String, kind: NumberFormatCode.Kind)] = []
    private var dataStyleNames: [String: String] = [:]
    private(set) var columnStyles: [(name: String, width: Double)] = []
    private var columnStyleNames: [Double: String] = [:]
    private(set) var rowStyles: [(name: String, height: Double)] = []
    private var rowStyleNames: [Double: String] = [:]

    init(styles: [CellStyle]) { self.styles = styles }

    /// The style a cell of `style` holding a value that may need `implicit` gets.
    func entry(style: Int, implicit: NumberFormatCode.Implicit) -> Entry {
        let key = style &* 8 &+ implicit.rawValue
        if let known = memo[key] { return known }
        var cellStyle = styles.indices.contains(style) ? styles[style] : CellStyle()
        if NumberFormatCode.isGeneral(cellStyle.numberFormat), let code = implicit.code { cellStyle.numberFormat = code }
        let kind = NumberFormatCode.kind(cellStyle.numberFormat)
        let dataStyle = kind == .general ? nil : dataStyleName(cellStyle.numberFormat, kind)
        var look = cellStyle
        look.numberFormat = "General"
        let entry: Entry
        if look == CellStyle() && dataStyle == nil {
            entry = Entry(name: nil, kind: kind)
        } else {
            let k = CellStyleKey(style: look, dataStyle: dataStyle)
            if let name = cellStyleNames[k] {
                entry = Entry(name: name, kind: kind)
            } else {
                let name = "ce\(cellStyles.count + 1)"
                cellStyles.append((name, look, dataStyle))
                cellStyleNames[k] = name
                entry = Entry(name: name, kind: kind)
            }
        }
        memo[key] = entry
        return entry
    }

    private func dataStyleName(_ code: String, _ kind: NumberFormatCode.Kind) -> String {
        if let known = dataStyleNames[code] { return known }
        let name = "N\(dataStyles.count + 1)"
        dataStyles.append((name, code, kind))
        dataStyleNames[code] = name
        return name
    }

    /// The column style for a width in characters.
    func columnStyle(width: Double) -> String {
        if let known = columnStyleNames[width] { return known }
        let name = "co\(columnStyles.count + 1)"
        columnStyles.append((name, width))
        columnStyleNames[width] = name
        return name
    }

    /// The row style for a height in points.
    func rowStyle(height: Double) -> String {
        if let known = rowStyleNames[height] { return known }
        let name = "ro\(rowStyles.count + 1)"
        rowStyles.append((name, height))
        rowStyleNames[height] = name
        return name
    }

    /// A width in characters of Excel's default font as inches: `width × 7 + 5` pixels at 96 dpi, the
    /// conversion Excel documents for Calibri 11 (ECMA-376 Part 1 §18.3.1.13).
    static func inches(ofWidth width: Double) -> String {
        let pixels = (width * 7 + 5).rounded()
        return NumberText.format((pixels / 96 * 10_000).rounded() / 10_000) + "in"
    }
}

@available(*, unavailable)
extension ODSStyleTable: Sendable {}
