import KamSheets

/// Renders errors for people, in Chinese or English, always naming file, sheet and cell where known.
public enum Messages {
    /// The one-line text of an error.
    public static func render(_ error: any Error, _ lang: Language) -> String {
        switch error {
        case let e as KamError:
            return lang.pick(zh: e.zh, en: e.en)
        case let e as SpreadsheetError:
            return e.location + ": " + spreadsheetDetail(e, lang)
        default:
            return String(describing: error)
        }
    }

    static func spreadsheetDetail(_ e: SpreadsheetError, _ lang: Language) -> String {
        guard lang == .zh else { return e.detail }
        switch e.reason {
        case .notASpreadsheet(let m): return "不是 XLSX 或 ODS 工作簿（\(m)）"
        case .encrypted: return "工作簿有密码保护（加密的 OOXML），请去掉密码后再试"
        case .legacyXLS: return "旧版 .xls 工作簿，请先另存为 .xlsx"
        case .emptyFile: return "文件为空"
        case .cannotOpen(let m): return "无法打开：\(m)"
        case .corruptArchive(let m): return "压缩包已损坏：\(m)"
        case .missingPart(let p): return "缺少部件 \(p)"
        case .malformedXML(let l, let c, let m):
            return l > 0 ? "XML 格式错误（第 \(l) 行第 \(c) 列）：\(m)" : "XML 格式错误：\(m)"
        case .forbiddenXML(let m): return "不允许的 XML 结构：\(m)"
        case .limitExceeded(let l, let max, let a): return "超出限制：\(l)（上限 \(max)，实际 \(a)）"
        case .sheetNotFound(let s): return "没有名为 \(s) 的工作表"
        case .invalidCellReference(let r): return "无效的单元格引用 \(r)"
        case .invalidValue(let m): return "无效的值：\(m)"
        case .writeFailed(let m): return "无法写入：\(m)"
        case .changedOnDisk: return "处理期间文件在磁盘上被修改，未写入任何内容"
        case .openElsewhere(let lock): return "文件正在电子表格程序中打开（锁文件 \(lock)），请关闭后再试；如果没有程序打开它，请删除该锁文件；未写入任何内容"
        }
    }
}
