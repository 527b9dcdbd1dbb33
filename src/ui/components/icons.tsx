/** Small inline icons; decorative (aria-hidden), the text beside them carries the meaning. */
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...rest }: IconProps) {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {children}
    </svg>
  );
}

export const CheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3 8.5l3.2 3L13 4.5" />
  </Svg>
);

export const CrossIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Svg>
);

/** "Unknown / not checkable": a dashed circle. */
export const DashIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="5.5" strokeDasharray="2.5 2" strokeWidth="1.6" />
    <path d="M5.5 8h5" />
  </Svg>
);

export const WarningIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 2L15 14H1z" strokeWidth="1.6" />
    <path d="M8 6.5v3.2M8 11.8v.2" />
  </Svg>
);

export const FolderIcon = (p: IconProps) => (
  <Svg {...p} strokeWidth="1.6">
    <path d="M1.5 4.5v8h13v-6.5H8L6.5 4h-5z" />
  </Svg>
);

export const FlaskIcon = (p: IconProps) => (
  <Svg {...p} strokeWidth="1.6">
    <path d="M6 1.5h4M6.5 1.5v4.5L2.5 13.5h11L9.5 6V1.5" />
    <path d="M4.5 10h7" />
  </Svg>
);

export const DropIcon = (p: IconProps) => (
  <Svg {...p} strokeWidth="1.6">
    <path d="M8 2v8M4.5 6.5L8 10l3.5-3.5M2 11.5V14h12v-2.5" />
  </Svg>
);

export const EchoIcon = (p: IconProps) => (
  <Svg {...p} strokeWidth="1.6">
    <path d="M6 4L2.5 7.5 6 11M3 7.5h7a3.5 3.5 0 010 7H8" />
  </Svg>
);

export const ChevronIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 3.5L10.5 8 6 12.5" />
  </Svg>
);

export const LogoIcon = (p: IconProps) => (
  <Svg {...p} strokeWidth="1.5">
    <circle cx="3" cy="8" r="1.8" />
    <circle cx="13" cy="8" r="1.8" />
    <path d="M4.7 7.3C7 3.5 9 3.5 11.3 7.3M4.7 8.7C7 12.5 9 12.5 11.3 8.7" />
  </Svg>
);

export const PlayIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 3.5l7 4.5-7 4.5z" />
  </Svg>
);
