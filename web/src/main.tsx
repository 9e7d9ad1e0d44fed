import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "@tanstack/react-router";
import "@kern-ux/native/dist/kern.min.css";
// Fira Sans cut to the weights and letters the pages use (web/build/fonts.ts generates it).
import "../.fonts/fira-sans.css";
import "./styles.css";
import "./i18n";
import { router } from "./routes/router";
import { SessionProvider } from "./features/identity/session";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
