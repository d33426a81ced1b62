import Foundation
import KamModel
import KamSheets

/// A normalised value of any field type.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case texts([String])
    case date(LocalDate)
    case dateTime(LocalDateTime)
    /// Amounts, numbers, percentages (already in the field's unit: 85 for satisfaction, 0.85 for revenue share).
    case decimal(Decimal)
    case bool(Bool)
    /// A vocabulary raw value (`important_value`).
    case label(String)
}

/// Reads one cell for one mapped column, choosing the normaliser from the field's type and applying the header's
/// unit, the cell's number format and the profile's date order. The one call an extractor needs per cell.
public struct FieldReader: Sendable {
    public var dates: DateNormalizer
    /// Label normalisers per vocabulary; a vocabulary without one passes its text through as `.text`.
    public var vocabularies: [VocabularyName: LabelNormalizer]

    public init(monthFirst: Bool = false, dateSystem: SpreadsheetDate.System = .from1900,
                vocabularies: [VocabularyName: LabelNormalizer] = [:]) {
        dates = DateNormalizer(monthFirst: monthFirst, dateSystem: dateSystem)
        self.vocabularies = vocabularies
    }

    /// Reads a cell of a mapped column (`styles` is the workbook's, for number formats). Unmapped columns read
    /// as text.
    public func read(_ cell: Cell?, column: ColumnMapping, styles: [CellStyle] = []) -> Normalized<FieldValue> {
        let format = cell.flatMap { $0.style < styles.count ? styles[$0.style].numberFormat : nil }
        guard let field = column.field else { return TextNormalizer.text(cell?.value).map(FieldValue.text) }
        return read(cell?.value, type: field.type, unit: column.unit, numberFormat: format)
    }

    /// Reads a value as a field type.
    public func read(_ value: CellValue?, type: FieldValueType, unit: HeaderUnit = HeaderUnit(),
                     numberFormat: String? = nil) -> Normalized<FieldValue> {
        switch type {
        case .text:
            return TextNormalizer.text(value).map(FieldValue.text)
        case .textList:
            return TextNormalizer.list(value).map(FieldValue.texts)
        case .date:
            return dates.date(value, numberFormat: numberFormat).map(FieldValue.date)
        case .dateTime:
            return dates.dateTime(value, numberFormat: numberFormat).map(FieldValue.dateTime)
        case .amount:
            return AmountNormalizer.amount(value, multiplier: unit.multiplier).map(FieldValue.decimal)
        case .number:
            return NumberNormalizer.number(value, range: 0...Decimal.greatestFiniteMagnitude,
                                           multiplier: unit.multiplier).map(FieldValue.decimal)
        case .integer:
            return NumberNormalizer.number(value, range: 0...Decimal.greatestFiniteMagnitude, integer: true)
                .map(FieldValue.decimal)
        case .percent:
            return PercentNormalizer.percent(value, target: .hundred, numberFormat: numberFormat, unit: unit)
                .map(FieldValue.decimal)
        case .fraction:
            return PercentNormalizer.percent(value, target: .fraction, numberFormat: numberFormat, unit: unit)
                .map(FieldValue.decimal)
        case .score10:
            return NumberNormalizer.number(value, range: 0...10).map(FieldValue.decimal)
        case .bool:
            return BoolNormalizer.bool(value).map(FieldValue.bool)
        case .label(let name):
            guard let normalizer = vocabularies[name] else { return TextNormalizer.text(value).map(FieldValue.text) }
            return normalizer.label(value).map(FieldValue.label)
        case .phone:
            return PhoneNormalizer.phone(value).map(FieldValue.text)
        case .email:
            return EmailNormalizer.email(value).map(FieldValue.text)
        }
    }
}
