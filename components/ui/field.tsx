import type { ComponentProps, ReactNode } from "react";

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-400";

interface FieldProps {
  id: string;
  label: string;
  error?: string[] | string;
  hint?: ReactNode;
  /** Marked before anything is sent: a visible " *" by the label, and `required` on the control. */
  required?: boolean;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string; className: string; required?: boolean; "aria-required"?: boolean }) => ReactNode;
}

/**
 * The visible mark of a required field. Hidden from screen readers: they announce "required"
 * from the control's own `required`, and the label stays the field's name.
 */
export function RequiredMark() {
  return (
    <span aria-hidden="true" className="text-red-700">
      {" *"}
    </span>
  );
}

/** Label, control, hint and error wired for screen readers. */
export function Field({ id, label, error, hint, required = false, children }: FieldProps) {
  const errors = typeof error === "string" ? [error] : error ?? [];
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? <RequiredMark /> : null}
      </label>
      <div className="mt-1.5">{children({ id, "aria-invalid": errors.length > 0, "aria-describedby": describedBy, className: control, ...(required ? { required: true, "aria-required": true } : {}) })}</div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function Input(props: ComponentProps<"input">) {
  return <input {...props} className={`${control} ${props.className ?? ""}`} />;
}

export function Alert({ tone = "error", children, id }: { tone?: "error" | "info" | "success"; children: ReactNode; id?: string }) {
  const tones = { error: "bg-red-50 text-red-800 ring-red-200", info: "bg-brand-50 text-brand-900 ring-brand-100", success: "bg-emerald-50 text-emerald-800 ring-emerald-200" };
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={`rounded-lg px-3.5 py-2.5 text-sm ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </div>
  );
}
