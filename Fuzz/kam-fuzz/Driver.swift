import Foundation

/// libFuzzer's entry: the target is chosen by `KAM_FUZZ_TARGET` (see FuzzTargets.names).
@_cdecl("LLVMFuzzerTestOneInput")
public func kamFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.run(FuzzDriver.target, bytes)
    return 0
}

enum FuzzDriver {
    static let target = ProcessInfo.processInfo.environment["KAM_FUZZ_TARGET"] ?? "xlsx"
}

#if FUZZING
// SwiftPM links an executable with `main` aliased to `kam_fuzz_main`; libFuzzer's own `main` is then not pulled in,
// so this entry hands the command line to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("kam_fuzz_main")
public func kamFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in kamFuzzTestOneInput(data, size) }
}
#endif

#if !FUZZING
/// Without libFuzzer (the ordinary build): replays files through a target, for regression tests and triage.
///
///     kam-fuzz TARGET FILE…     (a folder stands for the files in it)
@main struct ReplayDriver {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzTargets.names.contains(target) || target == "ods-content" else {
            FileHandle.standardError.write(Data("usage: kam-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE…\n".utf8))
            exit(2)
        }
        var files: [String] = []
        for a in args.dropFirst() {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: a, isDirectory: &isDir), isDir.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: a)) ?? []).sorted()
                files += names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.map { a + "/" + $0 }
            } else {
                files.append(a)
            }
        }
        for f in files {
            guard let d = FileManager.default.contents(atPath: f) else { continue }
            FuzzTargets.run(target, [UInt8](d))
        }
        print("replayed \(files.count) inputs through \(target)")
    }
}
#endif
