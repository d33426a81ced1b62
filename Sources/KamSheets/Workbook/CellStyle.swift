/// A cell's look, format-neutral: what a writer needs to reproduce it in XLSX or ODS.
public struct CellStyle: Sendable, Hashable {
    public var font: Font
    public var fill: Fill?
    public var border: Border
    public var alignment: Alignment
    /// The number format code (Excel syntax, e.g. `yyyy-mm-dd`, `#,##0.00`, `0%`); `General` by default.
    public var numberFormat: String

    public init(font: Font = Font(), fill: Fill? = nil, border: Border = Border(), alignment: Alignment = Alignment(),
                numberFormat: String = "General") {
        self.font = font
        self.fill = fill
        self.border = border
        self.alignment = alignment
        self.numberFormat = numberFormat
    }

    /// A font; nil fields mean the application's default.
    public struct Font: Sendable, Hashable {
        public var name: String?
        public var size: Double?
        public var bold: Bool
        public var italic: Bool
        public var underline: Bool
        public var strike: Bool
        /// `RRGGBB`.
        public var color: String?
        public init(name: String? = nil, size: Double? = nil, bold: Bool = false, italic: Bool = false,
                    underline: Bool = false, strike: Bool = false, color: String? = nil) {
            self.name = name; self.size = size; self.bold = bold; self.italic = italic
            self.underline = underline; self.strike = strike; self.color = color
        }
    }

    /// A solid background fill.
    public struct Fill: Sendable, Hashable {
        /// `RRGGBB`.
        public var color: String
        public init(color: String) { self.color = color }
    }

    /// The four edges' lines.
    public struct Border: Sendable, Hashable {
        public var left: Line?
        public var right: Line?
        public var top: Line?
        public var bottom: Line?
        public init(left: Line? = nil, right: Line? = nil, top: Line? = nil, bottom: Line? = nil) {
            self.left = left; self.right = right; self.top = top; self.bottom = bottom
        }
        /// Whether no edge has a line.
        public var isEmpty: Bool { left == nil && right == nil && top == nil && bottom == nil }
    }

    /// One edge's line.
    public struct Line: Sendable, Hashable {
        public enum Weight: String, Sendable, Hashable { case thin, medium, thick, dashed, dotted, double }
        public var weight: Weight
        /// `RRGGBB`.
        public var color: String?
        public init(weight: Weight = .thin, color: String? = nil) {
            self.weight = weight
            self.color = color
        }
    }

    /// Alignment and wrapping.
    public struct Alignment: Sendable, Hashable {
        public enum Horizontal: String, Sendable, Hashable { case general, left, center, right, fill, justify }
        public enum Vertical: String, Sendable, Hashable { case top, center, bottom }
        public var horizontal: Horizontal
        public var vertical: Vertical?
        public var wrapText: Bool
        public init(horizontal: Horizontal = .general, vertical: Vertical? = nil, wrapText: Bool = false) {
            self.horizontal = horizontal
            self.vertical = vertical
            self.wrapText = wrapText
        }
    }
}
