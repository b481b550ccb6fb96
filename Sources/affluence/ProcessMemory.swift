import Foundation

/// The process's peak resident memory, read from the kernel (Linux `/proc/self/status`, VmHWM).
enum ProcessMemory {
    static var peakResidentMegabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return (digits ?? .nan) / 1024
        }
        return .nan
    }
}
