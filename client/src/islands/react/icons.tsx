import type { ReactNode } from "react";

/** Inline SVG icons: emoji fonts are not on every machine (headless Chromium has none). */

interface IconProps {
  className?: string;
}

function Svg({ className = "size-5", children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const FlameIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 22c4 0 7-2.7 7-7 0-4.5-3.5-7-5-11-1.5 2-2 4-2 5.5C10.5 8 9 7 8.5 5.5 6.5 8 5 10.5 5 15c0 4.3 3 7 7 7Z" />
  </Svg>
);

export const PlusIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);

export const MedalIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="12" cy="15" r="6" />
    <path d="m8.5 10-3-7h4l2.5 5.5M15.5 10l3-7h-4L12 8.5" />
  </Svg>
);

export const SproutIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 21v-9M12 12c0-4-3-6-8-6 0 4 3 6 8 6ZM12 12c0-3.5 2.5-6 7-6 0 3.5-2.5 6-7 6Z" />
  </Svg>
);

export const SignOutIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
  </Svg>
);

export const SearchIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </Svg>
);

export const CheckIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M20 6 9 17l-5-5" />
  </Svg>
);

export const ChevronLeftIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="m15 18-6-6 6-6" />
  </Svg>
);

export const ChevronRightIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="m9 18 6-6-6-6" />
  </Svg>
);

export const ArrowUpIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 19V5M5 12l7-7 7 7" />
  </Svg>
);

export const ArrowDownIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 5v14M19 12l-7 7-7-7" />
  </Svg>
);

export const PauseIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M9 5v14M15 5v14" />
  </Svg>
);
