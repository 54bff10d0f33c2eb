/// How Linux (5.6 and later) spells each PCIe generation's rate in sysfs `current_link_speed`,
/// the strings NCCL's topology files carry as `link_speed`: written by the NCCL emitter, read by
/// the NCCL importer.
package enum PCIeLinkSpeedText {
    package static let byGeneration: [Int: String] = [
        1: "2.5 GT/s PCIe", 2: "5.0 GT/s PCIe", 3: "8.0 GT/s PCIe", 4: "16.0 GT/s PCIe",
        5: "32.0 GT/s PCIe", 6: "64.0 GT/s PCIe",
    ]
}
