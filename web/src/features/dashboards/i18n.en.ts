/** English texts of the management dashboard (Chefsache). */
export const en = {
  dashboard: {
    startTitle: "Management dashboard",
    startText:
      "How your administration meets the region's common service standards – by theme, with trends and what needs support – and who is seconded to and from other administrations.",
    startLink: "Open the management dashboard of {{organization}}",
    nav: "Management dashboard",
    title: "Management dashboard: {{organization}}",
    intro:
      "Your administration at a glance: the region's common service standards by theme – with the latest reported value, whether it meets the target and how it changed since the period before – and the secondments to and from other administrations. As of {{date}}.",
    print: "Print or save as PDF",
    attention: {
      title: "What needs your attention",
      none: "No standard has been missed twice in a row, and all values of the closed periods are reported.",
      needsSupport: "“{{standard}}” has been missed in two periods in a row. Other administrations of the region can help out with staff.",
      evaluation: "See the evaluation and support",
      due_one: "The value of the last closed period is still missing for {{count}} standard; controlling reports it.",
      due_other: "The values of the last closed period are still missing for {{count}} standards; controlling reports them.",
    },
    summary: {
      title: "Service standards by theme",
      intro:
        "Each standard counts with its latest reported value (submitted, validated or published; no drafts), measured against the version of the standard in force in its period.",
      theme: "Theme",
      standards: "Standards",
    },
    table: {
      standard: "Standard",
      period: "Period",
      value: "Value",
      status: "Status",
      trend: "Trend",
      target: "Target",
      targetValue: "{{target}} {{tolerance}}",
      noValue: "no value yet",
      due: "value for {{period}} missing",
      needsSupport: "missed twice in a row",
      state: {
        submitted: "submitted, not yet validated",
        validated: "validated",
        published: "published",
        draft: "draft",
      },
    },
  },
};
