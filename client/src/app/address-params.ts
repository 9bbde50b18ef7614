import { useCallback } from 'react';
import { createSearchParams, useNavigate, useSearchParams, type NavigateOptions, type URLSearchParamsInit } from 'react-router';

export type AddressParamsChange = (current: URLSearchParams) => URLSearchParamsInit;

/**
 * The search parameters of the address, and a way to change them that starts from the address as
 * it stands when the change is made. react-router's own functional update starts from the
 * parameters of the last render, which lag behind the address while the page redraws (its
 * navigations render in a transition): filters changed one after the other within a second then
 * each overwrote the one before (remix-run/react-router#9757, #14528).
 */
export function useAddressParams(): [URLSearchParams, (change: AddressParamsChange, options?: NavigateOptions) => void] {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const update = useCallback(
    (change: AddressParamsChange, options?: NavigateOptions) => {
      const next = createSearchParams(change(new URLSearchParams(window.location.search)));
      void navigate(`?${next.toString()}`, options);
    },
    [navigate],
  );
  return [searchParams, update];
}
