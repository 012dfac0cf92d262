/** HubSpot's API host (all data centres; the app host differs for EU portals). */
export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';
