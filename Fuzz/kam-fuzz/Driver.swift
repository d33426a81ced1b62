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
/// Without libFuzzer (the ordinary build): replays files through a target, for regression tests and triage; with
/// `--mutate N`, also N mutations of each file (bit flips, byte changes, cuts, inserts, splices) from a fixed seed —
/// the same inputs on every run, a deterministic smoke test for CI.
///
///     kam-fuzz TARGET [--mutate N] FILE…     (a folder stands for the files in it)
@main struct ReplayDriver {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        var mutations = 0
        if args.count >= 3, args[1] == "--mutate", let n = Int(args[2]) {
            mutations = n
            args.removeSubrange(1...2)
        }
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
        var rng = SplitMix(seed: 0x6B616D)
        var mutated = 0
        for f in files {
            guard let d = FileManager.default.contents(atPath: f) else { continue }
            let bytes = [UInt8](d)
            FuzzTargets.run(target, bytes)
            for _ in 0..<mutations {
                FuzzTargets.run(target, Mutator.mutate(bytes, &rng))
                mutated += 1
            }
        }
        print("replayed \(files.count) inputs through \(target)" + (mutations > 0 ? " and \(mutated) mutations" : ""))
    }
}

/// A small fixed-seed generator: the smoke test's mutations must be the same on every machine.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

/// libFuzzer-like mutations of one input.
enum Mutator {
    static let interesting: [UInt8] = [0, 0xFF, 0x7F, 0x80, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
                                       UInt8(ascii: "\""), UInt8(ascii: "9"), UInt8(ascii: "-")]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var b = input
        for _ in 0...rng.below(4) {
            switch rng.below(6) {
            case 0 where !b.isEmpty:  // flip a bit
                let i = rng.below(b.count)
                b[i] ^= UInt8(1 << rng.below(8))
            case 1 where !b.isEmpty:  // an interesting byte
                b[rng.below(b.count)] = interesting[rng.below(interesting.count)]
            case 2 where !b.isEmpty:  // cut the tail or a span
                let i = rng.below(b.count)
                b.removeSubrange(i..<min(b.count, i + 1 + rng.below(64)))
            case 3:  // insert bytes
                let i = rng.below(b.count + 1)
                b.insert(contentsOf: (0..<(1 + rng.below(16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: i)
            case 4 where b.count > 8:  // copy a span elsewhere
                let from = rng.below(b.count), len = min(b.count - from, 1 + rng.below(32))
                let span = Array(b[from..<(from + len)])
                b.insert(contentsOf: span, at: rng.below(b.count + 1))
            default:  // truncate
                if !b.isEmpty { b.removeLast(rng.below(min(b.count, 256)) ) }
            }
        }
        return b
    }
}
#endif
