import TopoDiagnostics
import TopoModel

/// What one capture of a running machine shows, in the vocabulary `topospec verify` compares with
/// a spec: GPU and NIC counts, the path class of every GPU pair and GPU–NIC pair (as
/// `nvidia-smi topo -m` prints it), NVSwitch links, NUMA and CPU affinity, GPU models and PCIe
/// link state where the input gives them. Facts an input cannot show are nil (unknown), never a
/// worst case. Source lines are kept as line numbers so that one parsed capture can stand for
/// every node whose capture has the same bytes.
package struct NodeCapture: Sendable {
    /// The path between two devices: a bonded set of NVLinks, or a PCIe class.
    package enum Link: Sendable, Hashable, CustomStringConvertible {
        case nvlink(Int)
        case pix, pxb, phb, node, sys

        package var description: String {
            switch self {
            case let .nvlink(count): "NV\(count)"
            case .pix: "PIX"
            case .pxb: "PXB"
            case .phb: "PHB"
            case .node: "NODE"
            case .sys: "SYS"
            }
        }

        package var nvlinkCount: Int {
            if case let .nvlink(count) = self { return count }
            return 0
        }
    }

    /// Which tool wrote the capture.
    package enum Kind: String, Sendable, CaseIterable {
        case nvidiaSmi = "nvidia-smi topo -m"
        case ncclXML = "NCCL topology dump"
        case hwloc = "hwloc topology"
    }

    package var kind: Kind
    package var gpuCount: Int
    package var nicCount: Int
    /// GPU × GPU (diagonal nil); nil entries where the input does not say.
    package var gpuLinks: [[Link?]]
    /// GPU × NIC.
    package var gpuNICLinks: [[Link?]]
    /// False when the input cannot show NVLink (`topo -mp`, an NCCL file without `gpu` elements).
    package var showsNVLink: Bool
    /// False when the input cannot tell host bridges of one socket apart (NCCL files: PHB = NODE).
    package var separatesHostBridges: Bool
    /// Links from each GPU to NVSwitch chips, when the input lists them (NCCL).
    package var nvswitchLinks: [Int]?
    package var gpuNUMA: [Int?]
    package var gpuCPUAffinity: [String?]
    /// Catalog SKU of each GPU, when the input identifies it (NCCL's PCI device ids).
    package var gpuSKUs: [String?]
    package var gpuBusIDs: [String?]
    /// PCIe generation and width of each GPU's own link, when the input gives them (NCCL).
    package var gpuPCIe: [PCIeLinkState?]
    /// RDMA device (or port) name of each NIC.
    package var nicNames: [String?]
    package var nicGbps: [Double?]
    /// Source line of each GPU's row or element, and of each NIC's.
    package var gpuLines: [Int]
    package var nicLines: [Int]

    // What only an hwloc capture shows (empty or nil for the other kinds).

    /// CPU packages (sockets), when the capture shows them.
    package var sockets: Int?
    /// False when the capture has no I/O devices at all (`lstopo --no-io`): its GPU and NIC
    /// counts are unknown, not zero.
    package var showsDevices = true
    /// The PCIe switches the capture shows, with their uplinks.
    package var pcieSwitches: [PCIeSwitchCapture] = []
    /// Index into `pcieSwitches` of the switch directly above each GPU and each NIC (nil: on a root port).
    package var gpuSwitch: [Int?] = []
    package var nicSwitch: [Int?] = []
    /// Each NIC's own PCIe link, GB/s per direction, and its catalog SKU from the PCI id.
    package var nicLinkGBs: [Double?] = []
    package var nicSKUs: [String?] = []
    package var nicBusIDs: [String?] = []
    /// Whether each NIC has an RDMA (OpenFabrics) device; an Ethernet-only port (a management
    /// NIC) is not one NCCL's IB/RoCE transport uses.
    package var nicRDMA: [Bool] = []
    /// Source line of the capture's root element (for node-wide findings such as sockets).
    package var rootLine: Int?

    /// The capture with only the NICs at `kept` (indices, in order).
    ///
    /// - Parameter kept: Indices of the NICs to keep, in the order wanted; each in `0..<nicCount`.
    /// - Returns: A copy whose per-NIC arrays and GPU↔NIC link columns hold only those NICs (arrays not
    ///   of `nicCount` length are kept as they are).
    package func keepingNICs(_ kept: [Int]) -> NodeCapture {
        var c = self
        func pick<T>(_ values: [T]) -> [T] { values.count == nicCount ? kept.map { values[$0] } : values }
        c.nicCount = kept.count
        c.gpuNICLinks = gpuNICLinks.map { row in row.count == nicCount ? kept.map { row[$0] } : row }
        c.nicNames = pick(nicNames)
        c.nicGbps = pick(nicGbps)
        c.nicLines = pick(nicLines)
        c.nicSwitch = pick(nicSwitch)
        c.nicLinkGBs = pick(nicLinkGBs)
        c.nicSKUs = pick(nicSKUs)
        c.nicBusIDs = pick(nicBusIDs)
        c.nicRDMA = pick(nicRDMA)
        return c
    }
}

/// A PCIe switch (upstream port) in a capture: its bus id, the switch above it, and the
/// bandwidth its uplink trained at (GB/s per direction, hwloc's `pci_link_speed`).
package struct PCIeSwitchCapture: Sendable, Hashable {
    package var busID: String?
    package var parent: Int?
    package var uplinkGBs: Double?
    package var line: Int
}

/// A PCIe link's generation and width as a capture shows them.
package struct PCIeLinkState: Sendable, Hashable {
    package var generation: Int?
    package var width: Int?
    /// Highest generation the link can train at (nvidia-smi's `pcie.link.gen.max`), when given.
    package var maxGeneration: Int?

    package init(generation: Int?, width: Int?, maxGeneration: Int? = nil) {
        self.generation = generation
        self.width = width
        self.maxGeneration = maxGeneration
    }
}

/// One row of `nvidia-smi --query-gpu=index,name,pci.bus_id,pcie.link.gen.current,… --format=csv`.
package struct GPUListEntry: Sendable {
    package var index: Int
    package var name: String
    /// The catalog SKU the name maps to, if known.
    package var sku: String?
    package var busID: String?
    package var pcie: PCIeLinkState
    package var line: Int
}

/// Why a capture cannot be read: located findings, and the texts to render them with.
package struct CaptureFailure: Error, Sendable {
    package var findings: [Diagnostic]
    package var sources: [SourceText]

    package init(findings: [Diagnostic], sources: [SourceText]) {
        self.findings = findings
        self.sources = sources
    }
}

/// Reads captures of running machines into `NodeCapture`s, with the importers' parsers and their
/// located messages for input that cannot be used.
package enum CaptureReader {
    /// `nvidia-smi topo -m` (or `-mp`) output.
    ///
    /// - Parameters:
    ///   - bytes: The output.
    ///   - path: The name findings are located in.
    /// - Returns: The GPUs, NICs and their path classes, or a `CaptureFailure` with the located reason
    ///   the text or matrix cannot be used.
    package static func nvidiaSmi(_ bytes: [UInt8], path: String) -> Result<NodeCapture, CaptureFailure> {
        let text: InputText
        switch InputText.load(bytes, path: path, what: "`nvidia-smi topo -m` output") {
        case let .success(t): text = t
        case let .failure(d):
            return .failure(CaptureFailure(findings: [d], sources: [SourceText(path: path, bytes: bytes)]))
        }
        let matrix: NvidiaSmiMatrix
        do {
            matrix = try NvidiaSmiMatrix.parse(text)
        } catch {
            return .failure(CaptureFailure(findings: error.diagnostics.sorted(), sources: [text.source]))
        }
        let g = matrix.gpuCount, k = matrix.nicCount
        func link(_ cell: MatrixCell) -> NodeCapture.Link? {
            switch cell {
            case .this: nil
            case let .nvlink(count): .nvlink(count)
            case let .pcie(c):
                switch c {
                case .pix: .pix
                case .pxb: .pxb
                case .phb: .phb
                case .node: .node
                case .sys, .net, .unknown, .nvlink: .sys
                }
            }
        }
        let gpuLinks = (0..<g).map { a in (0..<g).map { b in a == b ? nil : link(matrix.cell(a, b)) } }
        let nicLinks = (0..<g).map { a in (0..<k).map { n in link(matrix.cell(a, g + n)) } }
        func numa(_ text: String?) -> Int? { text.flatMap { Int($0.trimmingWhitespace()) } }
        return .success(
            NodeCapture(
                kind: .nvidiaSmi, gpuCount: g, nicCount: k, gpuLinks: gpuLinks, gpuNICLinks: nicLinks,
                showsNVLink: matrix.showsNVLink ?? true, separatesHostBridges: true, nvswitchLinks: nil,
                gpuNUMA: (0..<g).map { $0 < matrix.numaAffinity.count ? numa(matrix.numaAffinity[$0]) : nil },
                gpuCPUAffinity: (0..<g).map { $0 < matrix.cpuAffinity.count ? matrix.cpuAffinity[$0] : nil },
                gpuSKUs: Array(repeating: nil, count: g), gpuBusIDs: Array(repeating: nil, count: g),
                gpuPCIe: Array(repeating: nil, count: g),
                nicNames: (0..<k).map { $0 < matrix.nicDevices.count ? matrix.nicDevices[$0] : nil },
                nicGbps: Array(repeating: nil, count: k),
                gpuLines: (0..<g).map { matrix.devices[$0].rowLocation.line },
                nicLines: (0..<k).map { matrix.devices[g + $0].rowLocation.line }))
    }

    /// An NCCL topology file (`NCCL_TOPO_DUMP_FILE`). GPUs and NIC ports are ordered as the NCCL
    /// importer orders them (CUDA `dev`, else bus id).
    ///
    /// - Parameters:
    ///   - bytes: The XML.
    ///   - path: The name findings are located in.
    /// - Returns: The capture, or a `CaptureFailure` with the NCCL importer's errors on the file.
    package static func ncclXML(_ bytes: [UInt8], path: String) -> Result<NodeCapture, CaptureFailure> {
        // The importer's checks give the located messages for a file that cannot be used.
        let imported = NCCLTopologyImporter().importText(bytes, path: path)
        guard imported.succeeded, let document = try? XMLTokenizer.parse(bytes, path: path) else {
            return .failure(
                CaptureFailure(
                    findings: imported.errors.isEmpty ? imported.findings : imported.errors,
                    sources: imported.sources))
        }
        let topology = NCCLTopology.read(document.root)
        let gpus = topology.orderedGPUs
        let ports = topology.orderedNICs
        let g = gpus.count, k = ports.count
        func chain(_ bridge: Int?) -> [Int] {
            var out: [Int] = []
            var current = bridge
            while let b = current, out.count <= topology.bridges.count {
                out.append(b)
                current = topology.bridges[b].parent
            }
            return out
        }
        func pcie(_ socketA: Int, _ bridgeA: Int?, _ socketB: Int, _ bridgeB: Int?) -> NodeCapture.Link {
            guard socketA == socketB else { return .sys }
            if let a = bridgeA, a == bridgeB { return .pix }
            let chainB = chain(bridgeB)
            if chain(bridgeA).contains(where: chainB.contains) { return .pxb }
            return .phb
        }
        let showsNVLink = gpus.contains { $0.hasGPUElement }
        let gpuIndex = Dictionary(gpus.enumerated().map { ($1.busID, $0) }, uniquingKeysWith: { a, _ in a })
        var pairs = Array(repeating: Array(repeating: 0, count: g), count: g)
        var switchLinks = Array(repeating: 0, count: g)
        for (a, gpu) in gpus.enumerated() {
            for link in gpu.nvlinks {
                if link.tclass.hasPrefix("0x0680") || topology.nvswitchBusIDs.contains(link.target) {
                    switchLinks[a] += link.count
                } else if let b = gpuIndex[link.target], b != a {
                    pairs[a][b] = max(pairs[a][b], link.count)
                    pairs[b][a] = max(pairs[b][a], link.count)
                }
            }
        }
        let switched = switchLinks.contains { $0 > 0 }
        var gpuLinks: [[NodeCapture.Link?]] = []
        for a in 0..<g {
            var row: [NodeCapture.Link?] = []
            for b in 0..<g {
                if a == b { row.append(nil); continue }
                var count = pairs[a][b]
                if switchLinks[a] > 0, switchLinks[b] > 0 { count = max(count, min(switchLinks[a], switchLinks[b])) }
                row.append(
                    count > 0 ? .nvlink(count) : pcie(gpus[a].socket, gpus[a].bridge, gpus[b].socket, gpus[b].bridge))
            }
            gpuLinks.append(row)
        }
        let nicLinks: [[NodeCapture.Link?]] = gpus.map { gpu in
            ports.map { port in pcie(gpu.socket, gpu.bridge, port.socket, port.bridge) }
        }
        return .success(
            NodeCapture(
                kind: .ncclXML, gpuCount: g, nicCount: k, gpuLinks: gpuLinks, gpuNICLinks: nicLinks,
                showsNVLink: showsNVLink, separatesHostBridges: false, nvswitchLinks: switched ? switchLinks : nil,
                gpuNUMA: gpus.map { topology.sockets[$0.socket].numaID },
                gpuCPUAffinity: gpus.map { topology.sockets[$0.socket].affinity },
                gpuSKUs: gpus.map { PCIDeviceTable.gpuSKU(vendor: $0.vendor, device: $0.device) },
                gpuBusIDs: gpus.map(\.busID),
                gpuPCIe: gpus.map {
                    $0.generation == nil && $0.width == nil
                        ? nil : PCIeLinkState(generation: $0.generation, width: $0.width)
                },
                nicNames: ports.map { $0.name ?? $0.busID },
                nicGbps: ports.map { $0.speedMbps.map { Double($0) / 1000 } },
                gpuLines: gpus.map(\.location.line), nicLines: ports.map(\.location.line)))
    }

    /// `nvidia-smi --query-gpu=index,name,pci.bus_id,pcie.link.gen.current,pcie.link.gen.max,pcie.link.width.current --format=csv`
    /// (any subset and order of those columns after `index` and `name`, with the header line).
    ///
    /// - Parameters:
    ///   - bytes: The CSV text.
    ///   - path: The name findings are located in.
    ///   - catalog: The catalog that maps GPU names to SKUs.
    /// - Returns: One entry per row, or a `CaptureFailure` (`malformedGPUNames`, or unusable text) at
    ///   the first row or header that cannot be read.
    package static func gpuList(
        _ bytes: [UInt8], path: String, catalog: Catalog = BuiltinCatalog.catalog
    )
        -> Result<[GPUListEntry], CaptureFailure>
    {
        let what =
            "a GPU list (`nvidia-smi --query-gpu=index,name,pci.bus_id,pcie.link.gen.current,pcie.link.width.current --format=csv`)"
        let text: InputText
        switch InputText.load(bytes, path: path, what: what) {
        case let .success(t): text = t
        case let .failure(d):
            return .failure(CaptureFailure(findings: [d], sources: [SourceText(path: path, bytes: bytes)]))
        }
        func fail(_ message: String, line: Int) -> Result<[GPUListEntry], CaptureFailure> {
            .failure(
                CaptureFailure(
                    findings: [ImportCodes.malformedGPUNames.diagnostic(message, at: text.location(line: line))],
                    sources: [text.source]))
        }
        let names = GPUNameTable(catalog: catalog)
        var columns: [String] = []
        var entries: [GPUListEntry] = []
        for (i, line) in text.lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            if fields.allSatisfy(\.isEmpty) { continue }
            if columns.isEmpty {
                // The header: field names, units in brackets dropped (`memory.total [MiB]`).
                columns = fields.map { $0.split(separator: " ").first.map { String($0).lowercased() } ?? "" }
                guard columns.contains("index"), columns.contains("name") else {
                    return fail("the first line is not a `--format=csv` header naming `index` and `name`", line: i + 1)
                }
                continue
            }
            guard fields.count == columns.count else {
                return fail("this row has \(fields.count) fields; the header names \(columns.count)", line: i + 1)
            }
            func field(_ name: String) -> String? {
                columns.firstIndex(of: name).map { fields[$0] }.flatMap { $0.hasPrefix("[") || $0.isEmpty ? nil : $0 }
            }
            guard let indexText = field("index"), let index = Int(indexText), index >= 0, index < 4096 else {
                return fail("`index` is not a GPU index", line: i + 1)
            }
            let name = field("name") ?? ""
            entries.append(
                GPUListEntry(
                    index: index, name: name, sku: names.sku(for: name),
                    busID: field("pci.bus_id").flatMap { GPUNamesFile.normalizedBusID($0.lowercased()) },
                    pcie: PCIeLinkState(
                        generation: field("pcie.link.gen.current").flatMap { Int($0) },
                        width: field("pcie.link.width.current").flatMap { Int($0) },
                        maxGeneration: field("pcie.link.gen.max").flatMap { Int($0) }),
                    line: i + 1))
        }
        guard !entries.isEmpty else { return fail("the list has no GPU rows", line: 1) }
        return .success(entries.sorted { $0.index < $1.index })
    }
}
