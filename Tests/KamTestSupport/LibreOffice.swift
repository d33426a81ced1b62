import Foundation

/// LibreOffice, headless, with a private profile (so tests can run beside another LibreOffice).
public enum LibreOffice {
    /// Converts `file` to `format` (`csv`, `pdf`, `xlsx`, `ods`, or a full filter spec) in `folder`; returns the
    /// path of the file LibreOffice wrote.
    /// - Throws: `ExternalTool.Missing` when soffice is not installed, or a description when the conversion fails.
    public static func convert(_ file: String, to format: String, in folder: String) throws -> String {
        guard KamProcess.has("soffice") else {
            throw ExternalTool.Missing(description: "LibreOffice is needed: apt-get install -y libreoffice-calc-nogui")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("kam-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let r = try KamProcess.run("soffice", ["-env:UserInstallation=file://" + profile.path, "--headless",
                                               "--convert-to", format, "--outdir", folder, file], timeout: 180)
        let ext = String(format.split(separator: ":").first ?? Substring(format))
        let out = folder + "/" + ((file as NSString).lastPathComponent as NSString).deletingPathExtension + "." + ext
        guard r.status == 0, FileManager.default.fileExists(atPath: out) else {
            throw ExternalTool.Missing(description: "LibreOffice could not convert \(file) to \(format): \(r.stderr) \(r.stdout)")
        }
        return out
    }

    /// The rows of the first sheet of `file`, as LibreOffice computes them (formulas recalculated), via CSV.
    public static func csvRows(_ file: String, in folder: String) throws -> [[String]] {
        // 44 = comma, 34 = quote, 76 = UTF-8.
        let out = try convert(file, to: "csv:Text - txt - csv (StarCalc):44,34,76", in: folder)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var fields: [String] = [], cur = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle(); continue }
                if ch == "," && !quoted { fields.append(cur); cur = ""; continue }
                cur.append(ch)
            }
            fields.append(cur)
            return fields
        }
    }
}
