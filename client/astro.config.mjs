// @ts-check
import react from "@astrojs/react";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "astro/config";
import { habitDeepLinks } from "./scripts/habit-deep-links.mjs";

export default defineConfig({
  output: "static",
  server: { port: 4321 },
  integrations: [react()],
  vite: {
    // The contract names the API address VITE_API_URL; Astro alone exposes only PUBLIC_*.
    envPrefix: ["PUBLIC_", "VITE_"],
    plugins: [tailwindcss(), habitDeepLinks()],
  },
});
