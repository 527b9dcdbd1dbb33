/**
 * LINKTYPE_* values (tcpdump.org/linktypes.html, draft-ietf-opsawg-pcaplinktype)
 * that this project meets, plus names for the common others so messages can
 * say what an unsupported file contains.
 */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as most platforms write it; some files carry the DLT value instead of 101. */
export const DLT_RAW_12 = 12;
/** DLT_RAW on OpenBSD. */
export const DLT_RAW_14 = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'NULL'],
  [1, 'ETHERNET'],
  [3, 'AX25'],
  [6, 'IEEE802_5'],
  [7, 'ARCNET_BSD'],
  [8, 'SLIP'],
  [9, 'PPP'],
  [10, 'FDDI'],
  [12, 'RAW (DLT_RAW)'],
  [14, 'RAW (OpenBSD DLT_RAW)'],
  [50, 'PPP_HDLC'],
  [51, 'PPP_ETHER'],
  [100, 'ATM_RFC1483'],
  [101, 'RAW'],
  [104, 'C_HDLC'],
  [105, 'IEEE802_11'],
  [107, 'FRELAY'],
  [108, 'LOOP'],
  [109, 'ENC'],
  [113, 'LINUX_SLL'],
  [117, 'PFLOG'],
  [119, 'IEEE802_11_PRISM'],
  [127, 'IEEE802_11_RADIOTAP'],
  [143, 'DOCSIS'],
  [163, 'IEEE802_11_AVS'],
  [187, 'BLUETOOTH_HCI_H4'],
  [189, 'USB_LINUX'],
  [192, 'PPI'],
  [195, 'IEEE802_15_4_WITHFCS'],
  [197, 'ERF'],
  [201, 'BLUETOOTH_HCI_H4_WITH_PHDR'],
  [204, 'PPP_WITH_DIR'],
  [220, 'USB_LINUX_MMAPPED'],
  [226, 'IPNET'],
  [227, 'CAN_SOCKETCAN'],
  [228, 'IPV4'],
  [229, 'IPV6'],
  [230, 'IEEE802_15_4_NOFCS'],
  [231, 'DBUS'],
  [239, 'NFLOG'],
  [240, 'NETANALYZER'],
  [242, 'IPOIB'],
  [249, 'USBPCAP'],
  [251, 'BLUETOOTH_LE_LL'],
  [252, 'WIRESHARK_UPPER_PDU'],
  [253, 'NETLINK'],
  [254, 'BLUETOOTH_LINUX_MONITOR'],
  [256, 'BLUETOOTH_LE_LL_WITH_PHDR'],
  [258, 'PKTAP'],
  [266, 'USB_DARWIN'],
  [274, 'ETHERNET_MPACKET'],
  [276, 'LINUX_SLL2'],
  [279, 'EBHSCR'],
  [280, 'VPP_DISPATCH'],
  [288, 'USB_2_0'],
  [290, 'ETW'],
]);

/** "LINKTYPE_ETHERNET" for 1; "LINKTYPE 999" for values without a known name. */
export function linkTypeName(n: number): string {
  const name = NAMES.get(n);
  return name === undefined ? `LINKTYPE ${n}` : `LINKTYPE_${name}`;
}
