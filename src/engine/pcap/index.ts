// Public surface of the capture module; src/engine/index.ts re-exports from here.
export type { CaptureFormat, CapturedPacket, CaptureHandlers, CaptureProblem } from './types.ts';
export { CaptureReader } from './reader.ts';
export { readCapture } from './read-capture.ts';
export type { CaptureContents } from './read-capture.ts';
export { detectFormat } from './format-detect.ts';
export type { DetectedFormat } from './format-detect.ts';
export { linkLayerPayload, ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from './link-layer.ts';
export type { LinkPayload } from './link-layer.ts';
export {
  linkTypeName,
  LINKTYPE_NULL,
  LINKTYPE_ETHERNET,
  LINKTYPE_RAW,
  LINKTYPE_LOOP,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL2,
  DLT_RAW_12,
  DLT_RAW_14,
} from './link-types.ts';
export { PcapWriter, writePcap, DEFAULT_SNAPLEN } from './pcap-writer.ts';
export type { PcapWriterOptions, PcapRecordInput } from './pcap-writer.ts';
export { writePcapng, pcapngBlock } from './pcapng-writer.ts';
export type { PcapngInterface, PcapngPacket } from './pcapng-writer.ts';
export { concatBytes } from './concat.ts';
